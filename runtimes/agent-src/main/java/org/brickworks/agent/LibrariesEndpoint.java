package org.brickworks.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST /libraries {"jars":[path...],"python_paths":[folder...]}} installs cluster libraries (paths on the
 * driver's host; both fields optional); {@code GET /libraries} lists them. Both answer
 * {@code {"jars":[...],"python_paths":[...]}} with everything installed, oldest first.
 * <p>
 * {@code POST /contexts/<id>/libraries {"jars":[..],"python_paths":[..],"summary":text}} (or
 * {@code {"failure":reason}}) queues a notebook-scoped install as a command of the context and answers its id
 * ({@code {"id":..}}); its result is the summary as text, or an error with the reason (see {@link LibraryInstall}).
 */
final class LibrariesEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(LibrariesEndpoint.class);

    private final ClusterLibraries libraries;
    private final ExecutionContexts contexts;

    LibrariesEndpoint(ClusterLibraries libraries, ExecutionContexts contexts) {
        this.libraries = libraries;
        this.contexts = contexts;
    }

    JsonNode installInContext(JsonExchange exchange, String contextId) throws IOException {
        ObjectNode body = exchange.body();
        JsonNode failure = body.get("failure");
        if (failure != null && !failure.isTextual()) {
            throw ApiException.invalid("failure must be a string");
        }
        Command command = contexts.install(contextId, paths(body, "jars"), paths(body, "python_paths"),
                body.path("summary").asText(""), failure == null ? null : failure.asText());
        return exchange.newObject().put("id", command.id());
    }

    JsonNode install(JsonExchange exchange) throws IOException {
        ObjectNode body = exchange.body();
        List<Path> jars = paths(body, "jars");
        List<Path> pythonPaths = paths(body, "python_paths");
        long began = System.nanoTime();
        try {
            libraries.add(jars, pythonPaths);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(e.getMessage());
        }
        LOG.info("Cluster libraries: {} jars and {} Python paths installed in {} ms", jars.size(), pythonPaths.size(),
                (System.nanoTime() - began) / 1_000_000);
        return list(exchange);
    }

    JsonNode list(JsonExchange exchange) {
        ObjectNode answer = exchange.newObject();
        ArrayNode jars = answer.putArray("jars");
        libraries.jars().forEach(jar -> jars.add(jar.toString()));
        ArrayNode pythonPaths = answer.putArray("python_paths");
        libraries.pythonPaths().forEach(path -> pythonPaths.add(path.toString()));
        return answer;
    }

    private static List<Path> paths(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        List<Path> paths = new ArrayList<>();
        if (node == null || node.isNull()) {
            return paths;
        }
        if (!node.isArray()) {
            throw ApiException.invalid(field + " must be an array of paths");
        }
        for (JsonNode item : node) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw ApiException.invalid(field + " must be an array of paths");
            }
            paths.add(Path.of(item.asText()));
        }
        return paths;
    }
}
