package org.brickworks.rest.internal;

import java.io.IOException;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletErrorPage;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Paths no servlet serves, and errors the HTTP server raises before any API code runs, answer in the same
 * {@code {"error_code", "message"}} shape as the API, not as an HTML page: in the default context, at {@code /}
 * (below every other servlet). {@link ContextErrorPage} does the same for errors in the Brickworks contexts.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/")
@HttpWhiteboardServletErrorPage(errorPage = { "4xx", "5xx" })
public class JsonErrorPage extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(status instanceof Integer code)) {
            unserved(request, response);
            return;
        }
        ErrorCode errorCode = switch (code) {
        case 401 -> ErrorCode.UNAUTHENTICATED;
        case 403 -> ErrorCode.PERMISSION_DENIED;
        case 404 -> ErrorCode.ENDPOINT_NOT_FOUND;
        case 413 -> ErrorCode.REQUEST_LIMIT_EXCEEDED;
        default -> code < 500 ? ErrorCode.MALFORMED_REQUEST : ErrorCode.INTERNAL_ERROR;
        };
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        ApiError.send(response, code, errorCode, message != null ? message.toString() : "HTTP " + code);
    }

    /** A path no servlet serves: 404, or 400 for an API path with encoded or relative segments. */
    private static void unserved(HttpServletRequest request, HttpServletResponse response) throws IOException {
        BrickworksException error = ApiError.noEndpoint(request.getMethod(), request.getRequestURI());
        if (request.getRequestURI().startsWith("/api/")) {
            try {
                ApiPath.of(request);
            } catch (BrickworksException malformed) {
                error = malformed;
            }
        }
        ApiError.send(response, error.errorCode(), error.getMessage());
    }
}
