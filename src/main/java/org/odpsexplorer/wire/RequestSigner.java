package org.odpsexplorer.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * MaxCompute request signatures (protocol {@code protocol/rest.md} §6), shared by the client that signs and the server that
 * verifies. Both V2 ({@code ODPS id:sig}) and V4 ({@code ODPS id/date/region/odps/aliyun_v4_request:sig}) use the same
 * string-to-sign; only the HMAC key differs.
 *
 * <p>All inputs are decoded text: the path without the endpoint's mount prefix and already percent-decoded, query
 * parameters already form-decoded, header values as the text whose UTF-8 bytes went over the wire.
 */
public final class RequestSigner {
    /** The default V4 prefix of both official SDKs. */
    public static final String V4_PREFIX = "aliyun";
    private static final String V4_TERMINATOR = "aliyun_v4_request";

    private RequestSigner() {
    }

    /**
     * The canonical resource: the decoded path, then {@code ?} and every query parameter sorted by name in code-point
     * order, written {@code name=value} or bare {@code name} when the value is empty.
     */
    public static String canonicalResource(String decodedPath, Map<String, String> decodedQuery) {
        if (decodedQuery.isEmpty()) {
            return decodedPath;
        }
        SortedMap<String, String> sorted = new TreeMap<>(decodedQuery); // String.compareTo is code-point order for BMP
        return decodedPath + '?' + WireCodec.decodedQueryText(sorted);
    }

    /**
     * The string to sign: method, Content-MD5, Content-Type, Date, then {@code name:value} for every {@code x-odps-*}
     * header (and {@code x-odps-*} query parameter) sorted by lower-cased name, then the canonical resource. Header
     * names are matched case-insensitively; a header given twice keeps its last value.
     */
    public static String stringToSign(String method, List<Map.Entry<String, String>> headers,
                                      Map<String, String> decodedQuery, String canonicalResource) {
        String contentMd5 = "";
        String contentType = "";
        String date = "";
        SortedMap<String, String> odps = new TreeMap<>();
        for (Map.Entry<String, String> h : headers) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-md5" -> contentMd5 = h.getValue();
                case "content-type" -> contentType = h.getValue();
                case "date" -> date = h.getValue();
                default -> {
                    if (name.startsWith(OdpsHeaders.PREFIX)) {
                        odps.put(name, h.getValue());
                    }
                }
            }
        }
        for (Map.Entry<String, String> q : decodedQuery.entrySet()) {
            String name = q.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(OdpsHeaders.PREFIX)) {
                odps.put(name, q.getValue());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(method.toUpperCase(Locale.ROOT)).append('\n');
        out.append(contentMd5).append('\n');
        out.append(contentType).append('\n');
        out.append(date).append('\n');
        for (Map.Entry<String, String> e : odps.entrySet()) {
            out.append(e.getKey()).append(':').append(e.getValue()).append('\n');
        }
        out.append(canonicalResource);
        return out.toString();
    }

    /** {@code ODPS <id>:<base64(HMAC-SHA1(secret, stringToSign))>}. */
    public static String authorizationV2(String accessId, String secret, String stringToSign) {
        byte[] sig = hmac("HmacSHA1", secret.getBytes(StandardCharsets.UTF_8), stringToSign);
        return "ODPS " + accessId + ":" + Base64.getEncoder().encodeToString(sig);
    }

    /**
     * {@code ODPS <id>/<yyyyMMdd>/<region>/odps/aliyun_v4_request:<signature>}, the key derived from the secret by
     * the HMAC-SHA256 chain over date, region, {@code odps} and the terminator.
     */
    public static String authorizationV4(String accessId, String secret, String scopeDate, String region,
                                         String stringToSign) {
        byte[] key = v4Key(secret, scopeDate, region);
        byte[] sig = hmac("HmacSHA1", key, stringToSign);
        return "ODPS " + accessId + "/" + scopeDate + "/" + region + "/odps/" + V4_TERMINATOR + ":"
                + Base64.getEncoder().encodeToString(sig);
    }

    /** The signature part an {@link Authorization} would need to carry for this secret, for verification. */
    public static String expectedAuthorization(Authorization auth, String secret, String stringToSign) {
        if (auth.isV4()) {
            return authorizationV4(auth.accessId(), secret, Objects.requireNonNull(auth.scopeDate()),
                    Objects.requireNonNull(auth.region()), stringToSign);
        }
        return authorizationV2(auth.accessId(), secret, stringToSign);
    }

    /** Constant-time comparison of two Authorization values. */
    public static boolean matches(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] v4Key(String secret, String scopeDate, String region) {
        byte[] k = hmac("HmacSHA256", (V4_PREFIX + "_v4" + secret).getBytes(StandardCharsets.UTF_8), scopeDate);
        k = hmac("HmacSHA256", k, region);
        k = hmac("HmacSHA256", k, "odps");
        return hmac("HmacSHA256", k, V4_TERMINATOR);
    }

    private static byte[] hmac(String algorithm, byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }

    /**
     * A parsed {@code Authorization: ODPS ...} header. {@code scopeDate} and {@code region} are set for V4 only.
     */
    public record Authorization(String accessId, @Nullable String scopeDate, @Nullable String region,
                                String signature) {
        public Authorization {
            Objects.requireNonNull(accessId, "accessId");
            Objects.requireNonNull(signature, "signature");
        }

        public boolean isV4() {
            return scopeDate != null;
        }

        /** Parses the header value, or returns null when it is not an ODPS signature. */
        public static @Nullable Authorization parse(@Nullable String header) {
            if (header == null || !header.startsWith("ODPS ")) {
                return null;
            }
            String rest = header.substring(5).trim();
            int colon = rest.lastIndexOf(':');
            if (colon <= 0 || colon == rest.length() - 1) {
                return null;
            }
            String credential = rest.substring(0, colon);
            String signature = rest.substring(colon + 1);
            List<String> parts = new ArrayList<>(List.of(credential.split("/", -1)));
            if (parts.size() == 1) {
                return new Authorization(credential, null, null, signature);
            }
            if (parts.size() == 5 && "odps".equals(parts.get(3)) && V4_TERMINATOR.equals(parts.get(4))
                    && parts.get(1).matches("\\d{8}") && !parts.get(2).isEmpty() && !parts.get(0).isEmpty()) {
                return new Authorization(parts.get(0), parts.get(1), parts.get(2), signature);
            }
            return null;
        }
    }
}
