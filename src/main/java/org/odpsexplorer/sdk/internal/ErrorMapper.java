package org.odpsexplorer.sdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamException;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.model.AuthenticationException;
import org.odpsexplorer.sdk.model.NoSuchObjectException;
import org.odpsexplorer.sdk.model.ObjectAlreadyExistsException;
import org.odpsexplorer.sdk.model.OdpsException;
import org.odpsexplorer.wire.HeaderText;
import org.odpsexplorer.wire.Json;
import org.odpsexplorer.wire.OdpsHeaders;
import org.odpsexplorer.wire.XmlTree;

/**
 * Turns a non-2xx answer into a typed exception ({@code protocol/rest.md} §5): XML {@code <Error>} with Code, Message,
 * RequestId (HostId optional here), JSON {@code {"Code","Message","RequestId"}} as fallback, else the status alone.
 */
final class ErrorMapper {
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final ObjectMapper JSON = Json.mapper();
    private static final Set<String> AUTH_CODES = Set.of("SignatureNotMatch", "AuthorizationRequired",
            "InvalidAccessKeyId", "AccessDenied", "NoPermission", "RequestTimeTooSkewd", "RequestTimeTooSkewed",
            "Unauthorized", "InvalidStsToken", "SecurityTokenExpired");

    private ErrorMapper() {
    }

    static OdpsException from(Response response, String call) {
        byte[] body = readCapped(response);
        String headerRequestId = response.header(OdpsHeaders.REQUEST_ID);
        Map<String, String> fields = parseXml(body);
        if (fields == null) {
            fields = parseJson(body);
        }
        int status = response.code();
        String code;
        String message;
        String requestId = headerRequestId == null ? null : HeaderText.decode(headerRequestId);
        if (fields != null) {
            code = nonEmpty(fields.get("Code"), "HTTP" + status);
            message = fields.getOrDefault("Message", "");
            String bodyId = fields.get("RequestId");
            if (bodyId != null && !bodyId.isEmpty()) {
                requestId = bodyId;
            }
        } else {
            code = "HTTP" + status;
            message = new String(body, StandardCharsets.UTF_8).strip();
            if (message.length() > 500) {
                message = message.substring(0, 500) + "...";
            }
        }
        return typed(status, code, message, requestId, call);
    }

    /** The children of an {@code <Error>} root as name → trimmed text, or null when the body is not such XML. */
    private static @Nullable Map<String, String> parseXml(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            XmlTree root = XmlTree.parse(body);
            if (!root.name().equals("Error")) {
                return null;
            }
            Map<String, String> out = new HashMap<>();
            for (XmlTree field : root.children()) {
                out.put(field.name(), field.text());
            }
            return out;
        } catch (XMLStreamException e) {
            return null; // not XML: the caller falls back to JSON or the raw text
        }
    }

    static OdpsException typed(int status, String code, String message, @Nullable String requestId, String call) {
        // the tunnel names what is missing (NoSuchTable, NoSuchPartition, NoSuchDownload, ...): typed by code as well
        if (status == 404 || code.startsWith("NoSuch")) {
            return new NoSuchObjectException(status, code, message, requestId, call);
        }
        if (status == 409 || code.equals("ObjectAlreadyExists")) {
            return new ObjectAlreadyExistsException(status, code, message, requestId, call);
        }
        if (status == 401 || status == 403 || AUTH_CODES.contains(code)) {
            return new AuthenticationException(status, code, message, requestId, call);
        }
        return new OdpsException(status, code, message, requestId, call);
    }

    private static String nonEmpty(@Nullable String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static byte[] readCapped(Response response) {
        try (InputStream in = response.body().byteStream()) {
            return in.readNBytes(MAX_ERROR_BODY);
        } catch (IOException e) {
            // the status alone still makes a useful error; the broken body is reported as the message
            return ("(error body unreadable: " + e.getMessage() + ")").getBytes(StandardCharsets.UTF_8);
        }
    }

    private static @Nullable Map<String, String> parseJson(byte[] body) {
        if (body.length == 0 || body[0] != '{') {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.has("Code")) {
                return null;
            }
            Map<String, String> out = new HashMap<>();
            for (String key : new String[] {"Code", "Message", "RequestId"}) {
                JsonNode v = node.get(key);
                if (v != null && !v.isNull()) {
                    out.put(key, v.asText());
                }
            }
            return out;
        } catch (IOException e) {
            return null; // not JSON after all: the caller reports the raw body
        }
    }
}
