package org.brickworks.execution.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.brickworks.clusters.api.dto.DriverChannel;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in driver agent on a free local port for the agent client's unit tests: answers each {@code METHOD path}
 * (path without query) with what the test set, 404 {@code ENDPOINT_NOT_FOUND} otherwise, and records every request.
 */
final class FakeAgent implements AutoCloseable {
    static final String SECRET = "s3cr3t";

    /** A request the agent got. */
    record Request(String method, String path, String authorization, String body) {
    }

    private record Answer(int status, String body) {
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final HttpServer server;

    FakeAgent() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers {@code method path} with {@code status} and the JSON {@code body}. */
    FakeAgent answer(String method, String path, int status, String body) {
        answers.put(method + " " + path, new Answer(status, body));
        return this;
    }

    DriverChannel channel(String clusterId) {
        return new DriverChannel(clusterId, "127.0.0.1", server.getAddress().getPort(), SECRET);
    }

    /** The last request to {@code method path}. */
    Request last(String method, String path) {
        for (int i = requests.size() - 1; i >= 0; i--) {
            Request request = requests.get(i);
            if (request.method().equals(method) && request.path().equals(path)) {
                return request;
            }
        }
        throw new AssertionError("No " + method + " " + path + " in " + requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(new Request(exchange.getRequestMethod(), query == null ? path : path + "?" + query,
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        Answer answer = answers.getOrDefault(exchange.getRequestMethod() + " " + path,
                new Answer(404, "{\"errorCode\":\"ENDPOINT_NOT_FOUND\",\"message\":\"No endpoint\"}"));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
