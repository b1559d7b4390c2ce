package org.brickworks.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.rest.api.ApiCall;
import org.brickworks.rest.api.ApiDispatcher;
import org.brickworks.rest.api.Download;
import org.brickworks.rest.api.JsonParts;
import org.brickworks.rest.api.RestCaller;
import org.brickworks.rest.api.Route;
import org.brickworks.security.api.dto.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The {@link ApiDispatcher} of the Brickworks servlet contexts: Databricks style, {@code /api/<version>/<path>}, JSON
 * bodies whatever the Content-Type, GET parameters from the query string, bodies up to the configured limit, errors
 * as {@code {"error_code", "message"}}. Holds no business logic.
 */
final class RestDispatcher implements ApiDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(RestDispatcher.class);

    private final ApiJson json;
    private final long maxBodyBytes;

    RestDispatcher(ApiJson json, long maxBodyBytes) {
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void dispatch(List<Route<?>> routes, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        try {
            answer(response, call(routes, request));
        } catch (BrickworksException e) {
            LOG.debug("{} {} failed: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
            ApiError.send(response, e.errorCode(), e.getMessage());
        } catch (Exception e) {
            String incident = UUID.randomUUID().toString();
            LOG.error("{} {} failed, incident {}", request.getMethod(), request.getRequestURI(), incident, e);
            ApiError.send(response, ErrorCode.INTERNAL_ERROR,
                    "Internal error, incident " + incident + " in the platform log");
        }
    }

    private Object call(List<Route<?>> routes, HttpServletRequest request) throws Exception {
        String path = ApiPath.of(request);
        for (Route<?> route : routes) {
            if (route.path().equals(path) && route.method().equals(request.getMethod())) {
                return call(route, request);
            }
        }
        throw ApiError.noEndpoint(request.getMethod(), request.getRequestURI());
    }

    private <T> Object call(Route<T> route, HttpServletRequest request) throws Exception {
        User caller = RestCaller.of(request);
        String bearer = bearer(request);
        String type = request.getContentType();
        if (route.form() != null && isForm(type)) {
            // Not bounded by the body limit: a form carries a file, and its handler limits what it takes.
            return streamed(route.form(), request, in -> new ApiCall<>(null, caller, bearer, in, type));
        }
        if (route.streamed()) {
            return streamed(route.handler(),
                    request, in -> new ApiCall<>(null, caller, bearer, new BoundedBody(in, maxBodyBytes), type));
        }
        JsonNode params = "GET".equals(request.getMethod()) ? queryParams(request) : json.parse(body(request));
        return route.handler().handle(new ApiCall<>(json.bind(params, route.params()), caller, bearer, null, type));
    }

    /** A handler that reads the body itself; when it fails part-way, the rest is read so the client gets the answer. */
    private <T> Object streamed(Route.Handler<T> handler, HttpServletRequest request,
            Function<InputStream, ApiCall<T>> call) throws Exception {
        InputStream in = request.getInputStream();
        try {
            return handler.handle(call.apply(in));
        } catch (Exception e) {
            try {
                drain(in, 4 * maxBodyBytes);
            } catch (IOException unread) {
                e.addSuppressed(unread);
            }
            throw e;
        }
    }

    private static boolean isForm(String type) {
        return type != null && type.regionMatches(true, 0, "multipart/form-data", 0, 19);
    }

    private static String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
    }

    private ObjectNode queryParams(HttpServletRequest request) {
        ObjectNode params = json.mapper().createObjectNode();
        Map<String, String[]> parameters;
        try {
            parameters = request.getParameterMap();
        } catch (RuntimeException e) {
            // the HTTP server's own refusal of a query it cannot decode (invalid UTF-8, a bad escape)
            throw ApiError.malformed("Invalid query string: " + e.getMessage());
        }
        parameters.forEach((name, values) -> params.put(name, values[0]));
        return params;
    }

    private byte[] body(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (bytes.length > maxBodyBytes) {
                // Read on a little so that the client, still sending, gets the answer rather than a reset.
                drain(in, 4 * maxBodyBytes);
                throw ApiError.tooLarge(maxBodyBytes);
            }
            return bytes;
        }
    }

    private static void drain(InputStream in, long limit) throws IOException {
        byte[] buffer = new byte[8192];
        for (long left = limit; left > 0;) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                return;
            }
            left -= read;
        }
    }

    private void answer(HttpServletResponse response, Object result) throws IOException {
        response.setStatus(200);
        if (result instanceof Download download) {
            response.setContentType(download.contentType());
            response.setHeader("Content-Disposition",
                    "attachment; filename=\"" + download.fileName().replace("\"", "") + "\"");
            write(response, List.of(download.bytes()));
            return;
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        write(response, result instanceof JsonParts parts ? parts.parts()
                : List.of(json.mapper().writeValueAsBytes(result == null ? json.mapper().createObjectNode() : result)));
    }

    private static void write(HttpServletResponse response, List<byte[]> parts) throws IOException {
        response.setContentLengthLong(parts.stream().mapToLong(part -> part.length).sum());
        for (byte[] part : parts) {
            response.getOutputStream().write(part);
        }
    }
}
