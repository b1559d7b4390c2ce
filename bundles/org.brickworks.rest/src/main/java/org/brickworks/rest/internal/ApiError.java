package org.brickworks.rest.internal;

import java.io.IOException;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Errors that only the HTTP edge raises (malformed bodies, unknown endpoints, oversize requests), and how every error
 * is sent: its code's status and {@code {"error_code", "message"}}.
 */
final class ApiError {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiError() {
    }

    static BrickworksException malformed(String message) {
        return new BrickworksException(ErrorCode.MALFORMED_REQUEST, message);
    }

    static BrickworksException noEndpoint(String method, String path) {
        return new BrickworksException(ErrorCode.ENDPOINT_NOT_FOUND, "No API found for '" + method + " " + path + "'");
    }

    static BrickworksException tooLarge(long limit) {
        return new BrickworksException(ErrorCode.REQUEST_LIMIT_EXCEEDED,
                "The request body exceeds the limit of " + limit + " bytes");
    }

    /** Sends the error, unless an answer has begun already (then the client sees that answer cut short). */
    static void send(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        send(response, code.httpStatus(), code, message);
    }

    /** {@link #send(HttpServletResponse, ErrorCode, String)} with a status other than the code's own. */
    static void send(HttpServletResponse response, int status, ErrorCode code, String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        byte[] bytes = JSON.writeValueAsBytes(JSON.createObjectNode().put("error_code", code.name())
                .put("message", message));
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
