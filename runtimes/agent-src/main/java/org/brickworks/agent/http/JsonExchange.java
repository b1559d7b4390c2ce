package org.brickworks.agent.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.Arrays;
import java.util.List;

import org.brickworks.agent.protocol.ApiError;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

/**
 * One HTTP request and its JSON answer, as the agent's API sees them: bodies are read into the protocol's records and
 * answers written from them, by Jackson (field names are the records' component names).
 */
public final class JsonExchange {

    private final HttpExchange exchange;
    private final ObjectMapper mapper;
    private Runnable afterResponse;

    JsonExchange(HttpExchange exchange, ObjectMapper mapper) {
        this.exchange = exchange;
        this.mapper = mapper;
    }

    String method() {
        return exchange.getRequestMethod();
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** The non-empty segments of a path: {@code /commands/c1/cancel} is {@code [commands, c1, cancel]}. */
    static List<String> segments(String path) {
        return Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
    }

    List<String> pathSegments() {
        return segments(exchange.getRequestURI().getPath());
    }

    /** A query parameter's raw text, or null when it is absent. */
    public String query(String name) {
        URI uri = exchange.getRequestURI();
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** A query parameter as a number, or the default when it is absent. */
    public long queryLong(String name, long defaultValue) {
        URI uri = exchange.getRequestURI();
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                try {
                    return Long.parseLong(pair.substring(name.length() + 1));
                } catch (NumberFormatException e) {
                    throw ApiException.invalid(name + " must be a number");
                }
            }
        }
        return defaultValue;
    }

    /**
     * The request body as the record {@code type}; an empty body is {@code {}}. A body that is not JSON, has a field
     * the record does not know or a value of the wrong type is refused naming the problem.
     */
    public <T> T body(Class<T> type) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            return mapper.readValue(bytes.length == 0 ? "{}".getBytes() : bytes, type);
        } catch (JsonProcessingException e) {
            throw ApiException.invalid("The request body is not a valid " + type.getSimpleName() + ": "
                    + e.getOriginalMessage());
        }
    }

    /** Work for this thread once the answer is sent (or failed). */
    public void afterResponse(Runnable work) {
        afterResponse = work;
    }

    /** Runs the work set by {@link #afterResponse}, if any; called once the exchange is closed. */
    void runAfterResponse() {
        if (afterResponse != null) {
            afterResponse.run();
        }
    }

    void respond(int status, Object answer) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(answer);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    void respondError(int status, String errorCode, String message) throws IOException {
        respond(status, new ApiError(errorCode, message));
    }
}
