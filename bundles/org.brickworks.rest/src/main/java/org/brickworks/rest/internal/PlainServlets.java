package org.brickworks.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.UUID;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.slf4j.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What this bundle's plain servlets share (those whose paths carry ids, which {@link org.brickworks.rest.api.ApiServlet}
 * routes do not): an answer as JSON with status 200, a {@link BrickworksException} as {@code {"error_code",
 * "message"}}, anything else an internal error logged with an incident id; bounded bodies.
 */
final class PlainServlets {
    /** What a request answers; null for {@code {}}. */
    @FunctionalInterface
    interface Answer {
        Object answer() throws IOException;
    }

    private PlainServlets() {
    }

    static void serve(HttpServletRequest request, HttpServletResponse response, ObjectMapper json, Logger log,
            Answer answer) throws IOException {
        try {
            Object value = answer.answer();
            byte[] bytes = json.writeValueAsBytes(value == null ? Map.of() : value);
            response.setStatus(200);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        } catch (BrickworksException e) {
            log.debug("{} {} failed: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
            ApiError.send(response, e.errorCode(), e.getMessage());
        } catch (RuntimeException e) {
            String incident = UUID.randomUUID().toString();
            log.error("{} {} failed, incident {}", request.getMethod(), request.getRequestURI(), incident, e);
            ApiError.send(response, ErrorCode.INTERNAL_ERROR,
                    "Internal error, incident " + incident + " in the platform log");
        }
    }

    /**
     * The request's body, at most {@code limit} bytes.
     *
     * @throws BrickworksException
     *             when it is longer
     */
    static byte[] body(HttpServletRequest request, long limit) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw ApiError.tooLarge(limit);
            }
            return bytes;
        }
    }
}
