package org.brickworks.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.security.api.dto.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Translates HTTP to route handlers and back, Databricks style: {@code /api/<version>/<path>} for every version clients
 * use, JSON bodies whatever the Content-Type, GET parameters from the query string, errors as {@code {"error_code",
 * "message"}}. Holds no business logic.
 */
final class ApiDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ApiDispatcher.class);
    private static final Pattern API_PATH = Pattern.compile("/(\\d+\\.\\d+)/(.+)");
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    private final ObjectMapper json;
    private final Authenticator authenticator;
    private final Map<String, Route> routes = new HashMap<>();
    private final long maxBodyBytes;

    ApiDispatcher(ObjectMapper json, Authenticator authenticator, long maxBodyBytes, List<Route> routes) {
        this.json = json;
        this.authenticator = authenticator;
        this.maxBodyBytes = maxBodyBytes;
        routes.forEach(route -> this.routes.put(route.key(), route));
    }

    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            Object result = dispatch(request);
            if (result instanceof RawBody raw) {
                writeRaw(response, raw);
            } else if (result instanceof JsonParts parts) {
                writeParts(response, parts);
            } else {
                write(response, 200, result);
            }
        } catch (BrickworksException e) {
            LOG.debug("{} {} failed: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
            writeError(response, e.errorCode(), e.getMessage());
        } catch (JacksonException e) {
            writeError(response, ErrorCode.MALFORMED_REQUEST, "Malformed JSON request body: " + e.getOriginalMessage());
        } catch (Exception e) {
            String incident = UUID.randomUUID().toString();
            LOG.error("{} {} failed, incident {}", request.getMethod(), request.getRequestURI(), incident, e);
            writeError(response, ErrorCode.INTERNAL_ERROR,
                    "Internal error, incident " + incident + " in the platform log");
        }
    }

    private Object dispatch(HttpServletRequest request) throws Exception {
        String method = request.getMethod();
        // The raw, still-encoded URI: an encoded "..", "/" or "%" can never name an endpoint.
        String path = request.getRequestURI()
                .substring(request.getContextPath().length() + request.getServletPath().length());
        Matcher matcher = API_PATH.matcher(path);
        if (!matcher.matches() || !SAFE_PATH.matcher(matcher.group(2)).matches() || matcher.group(2).contains("..")) {
            throw path.contains("%") || path.contains("..")
                    ? ApiError.malformed("Invalid path " + request.getRequestURI()
                            + ": encoded or relative segments are not allowed")
                    : ApiError.noEndpoint(method, request.getRequestURI());
        }
        Route route = routes.get(method + " " + matcher.group(2));
        if (route == null) {
            throw ApiError.noEndpoint(method, request.getRequestURI());
        }
        User caller = route.authenticated() ? authenticator.authenticate(request) : null;
        if (route.form() != null && isForm(request)) {
            // Not bounded by the body limit: a form carries a file, and its handler limits what it takes.
            return streamed(route.form(), request, in -> ApiRequest.form(caller, in, request.getContentType()));
        }
        if (route.streamed()) {
            return streamed(route.handler(), request,
                    in -> ApiRequest.streamed(caller, new BoundedBody(in, maxBodyBytes)));
        }
        return route.handler().handle(new ApiRequest(caller, "GET".equals(method) ? queryParams(request)
                : body(request), route.authenticated() ? null : bearer(request)));
    }

    /** A handler that reads the body itself; when it fails part-way, the rest is read so the client gets the answer. */
    private Object streamed(Route.Handler handler, HttpServletRequest request, Function<InputStream, ApiRequest> call)
            throws Exception {
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

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.regionMatches(true, 0, "multipart/form-data", 0, 19);
    }

    private static String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
    }

    private ObjectNode queryParams(HttpServletRequest request) {
        ObjectNode params = json.createObjectNode();
        request.getParameterMap().forEach((name, values) -> params.put(name, values[0]));
        return params;
    }

    private ObjectNode body(HttpServletRequest request) throws IOException {
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (bytes.length > maxBodyBytes) {
                // Read on a little so that the client, still sending, gets the answer rather than a reset.
                drain(in, 4 * maxBodyBytes);
                throw ApiError.tooLarge(maxBodyBytes);
            }
        }
        if (bytes.length == 0) {
            return null;
        }
        JsonNode body = json.readTree(bytes);
        if (body == null || body.isMissingNode()) {
            return null;
        }
        if (!body.isObject()) {
            throw ApiError.malformed(
                    "The request body must be a JSON object, got " + body.getNodeType().name().toLowerCase());
        }
        return (ObjectNode) body;
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

    private void writeError(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        ObjectNode error = json.createObjectNode().put("error_code", code.name()).put("message", message);
        write(response, code.httpStatus(), error);
    }

    private static void writeRaw(HttpServletResponse response, RawBody body) throws IOException {
        response.setStatus(200);
        response.setContentType(body.contentType());
        response.setHeader("Content-Disposition", "attachment; filename=\"" + body.fileName().replace("\"", "")
                + "\"");
        response.setContentLength(body.bytes().length);
        response.getOutputStream().write(body.bytes());
    }

    private static void writeParts(HttpServletResponse response, JsonParts body) throws IOException {
        response.setStatus(200);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLengthLong(body.length());
        for (byte[] part : body.parts()) {
            response.getOutputStream().write(part);
        }
    }

    private void write(HttpServletResponse response, int status, Object body) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        byte[] bytes = json.writeValueAsBytes(body == null ? json.createObjectNode() : body);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
