package org.brickworks.rest.internal;

import java.io.IOException;

import org.brickworks.core.api.ErrorCode;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletErrorPage;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Paths no servlet serves, and errors the HTTP server raises before any API code runs, answer in the same
 * {@code {"error_code", "message"}} shape as the API, not as an HTML page.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/")
@HttpWhiteboardServletErrorPage(errorPage = { "4xx", "5xx" })
public class JsonErrorPage extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient ObjectMapper json = new ObjectMapper();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = status instanceof Integer i ? i : 404; // not an error dispatch: an unserved path
        ErrorCode errorCode = switch (code) {
        case 401 -> ErrorCode.UNAUTHENTICATED;
        case 403 -> ErrorCode.PERMISSION_DENIED;
        case 404 -> ErrorCode.ENDPOINT_NOT_FOUND;
        case 413 -> ErrorCode.REQUEST_LIMIT_EXCEEDED;
        default -> code < 500 ? ErrorCode.MALFORMED_REQUEST : ErrorCode.INTERNAL_ERROR;
        };
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        response.setStatus(code);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(),
                json.createObjectNode().put("error_code", errorCode.name()).put("message",
                        message != null ? message.toString() : code == 404
                                ? "No API found for '" + request.getMethod() + " " + request.getRequestURI() + "'"
                                : "HTTP " + code));
    }
}
