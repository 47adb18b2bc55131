package org.odpsexplorer.emulator.http;

import java.nio.ByteBuffer;
import java.util.UUID;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.odpsexplorer.wire.OdpsHeaders;

/**
 * Jetty's error page replaced by the endpoint's error shape (XML on {@code /api}, JSON on the tunnel paths), for the failures Jetty answers before our handler runs
 * (an unparsable request line, a header block over the limit, a truncated chunked body). Keeps every answer parseable
 * by the official clients and carrying {@code x-odps-request-id}.
 */
public final class XmlErrorHandler extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        if (status < 400 || status == 505 || status == 501) {
            // an unparsable request line or an unknown HTTP version is the client's fault, never a server failure
            status = 400;
        }
        Object message = request.getAttribute(ERROR_MESSAGE);
        String code = switch (status) {
            case 404 -> "NoSuchObject";
            case 405 -> "MethodNotAllowed";
            case 413, 414, 431 -> "InvalidParameter";
            default -> status >= 500 ? "InternalServerError" : "InvalidParameter";
        };
        String requestId = UUID.randomUUID().toString().replace("-", "");
        ApiException error = new ApiException(status, code, "ODPS-0420111:Bad request - "
                + (message == null ? "HTTP " + response.getStatus() : message));
        String host = Request.getLocalAddr(request);
        Endpoint endpoint = Endpoint.API;
        try {
            String refused = RawTargetConnectionFactory.refusedTarget(request);
            endpoint = OdpsHandler.endpointOf(refused != null ? OdpsHandler.pathOfTarget(refused)
                    : OdpsHandler.rawPathOf(request.getHttpURI()));
        } catch (RuntimeException e) {
            // no usable target: the request line itself was broken, answer in the API's shape
        }
        byte[] body = OdpsHandler.errorBody(endpoint, error, requestId, host == null ? "localhost" : host);
        response.setStatus(status);
        response.getHeaders().put(OdpsHeaders.REQUEST_ID, requestId);
        response.getHeaders().put("Content-Type", endpoint == Endpoint.API ? "application/xml" : "application/json");
        response.getHeaders().put("Content-Length", body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
