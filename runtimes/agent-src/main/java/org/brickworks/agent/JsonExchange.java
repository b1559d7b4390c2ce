package org.brickworks.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/** One HTTP request and its JSON response, as the agent's API sees them. */
final class JsonExchange {

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

    /** The non-empty path segments: {@code /commands/c1/cancel} is {@code [commands, c1, cancel]}. */
    List<String> pathSegments() {
        return Arrays.stream(exchange.getRequestURI().getPath().split("/")).filter(segment -> !segment.isEmpty())
                .toList();
    }

    /** A query parameter as a number, or the default when it is absent. */
    long queryLong(String name, long defaultValue) {
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

    /** The request body as a JSON object; an empty body is an empty object. */
    ObjectNode body() throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            JsonNode node = bytes.length == 0 ? mapper.createObjectNode() : mapper.readTree(bytes);
            if (!(node instanceof ObjectNode object)) {
                throw ApiException.invalid("the request body must be a JSON object");
            }
            return object;
        } catch (JsonProcessingException e) {
            throw ApiException.invalid("the request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Work for this thread once the response is sent (or failed). */
    void afterResponse(Runnable work) {
        afterResponse = work;
    }

    /** Runs the work set by {@link #afterResponse}, if any; called once the exchange is closed. */
    void runAfterResponse() {
        if (afterResponse != null) {
            afterResponse.run();
        }
    }

    ObjectNode newObject() {
        return mapper.createObjectNode();
    }

    void respond(int status, JsonNode json) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(json);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    void respondError(int status, String errorCode, String message) throws IOException {
        respond(status, newObject().put("error_code", errorCode).put("message", message));
    }
}
