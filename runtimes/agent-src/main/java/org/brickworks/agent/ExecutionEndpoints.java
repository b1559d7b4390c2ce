package org.brickworks.agent;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The context and command endpoints: translate JSON requests to {@link ExecutionContexts} calls and their answers back
 * to JSON. A status request may long-poll with {@code wait_ms}.
 */
final class ExecutionEndpoints {

    private static final int DEFAULT_MAX_ROWS = 1000;
    private static final long MAX_WAIT_MS = 60_000;
    private static final long MAX_EXECUTE_WAIT_MS = 1_000;

    private final ExecutionContexts contexts;
    /** Runs fast-path commands whose request waits for them ({@code wait_ms}). */
    private final ExecutorService runners = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "brickworks-command");
        thread.setDaemon(true);
        return thread;
    });

    ExecutionEndpoints(ExecutionContexts contexts) {
        this.contexts = contexts;
    }

    /** {@code POST /contexts {"language":"sql|scala|python|r","parameters":{..}?}}. */
    JsonNode createContext(JsonExchange exchange) throws IOException {
        ObjectNode body = exchange.body();
        ExecutionContext context = contexts.create(body.path("language").asText("sql"), parameters(body));
        return exchange.newObject().put("id", context.id());
    }

    /** {@code GET /contexts/<id>}. */
    JsonNode contextStatus(JsonExchange exchange, String id) {
        ExecutionContext context = contexts.context(id);
        return exchange.newObject().put("id", context.id()).put("status", "Running").put("language",
                context.language());
    }

    /** {@code DELETE /contexts/<id>}. */
    JsonNode destroyContext(JsonExchange exchange, String id) {
        contexts.destroy(id);
        return exchange.newObject().put("id", id);
    }

    /**
     * {@code POST /commands {"context_id":..,"language":..,"command":..,"max_rows":N?,"parameters":{..}?,
     * "wait_ms":N?}}: answers {@code {"id"}} at once, or with {@code wait_ms} (at most a second) after the command ended
     * or that time passed, with its status and results as {@link #commandStatus} gives them, so that a short command
     * needs no second request.
     */
    JsonNode execute(JsonExchange exchange) throws IOException, InterruptedException {
        ObjectNode body = exchange.body();
        String contextId = required(body, "context_id");
        String sql = required(body, "command");
        int maxRows = body.path("max_rows").asInt(DEFAULT_MAX_ROWS);
        if (maxRows < 0) {
            throw ApiException.invalid("max_rows must not be negative");
        }
        long waitMs = Math.min(Math.max(body.path("wait_ms").asLong(0), 0), MAX_EXECUTE_WAIT_MS);
        ExecutionContext.Submitted submitted = contexts.execute(contextId, body.path("language").asText("sql"), sql,
                maxRows, parameters(body));
        Command command = submitted.command();
        if (waitMs == 0) {
            if (submitted.runHere() != null) {
                // The client has its id before the command starts, as with a queued command.
                exchange.afterResponse(submitted.runHere());
            }
            return exchange.newObject().put("id", command.id());
        }
        if (submitted.runHere() != null) {
            // Not on this thread: the answer must come after wait_ms even when the command runs on.
            runners.execute(submitted.runHere());
        }
        return status(exchange, command, waitMs);
    }

    /** {@code GET /commands/<id>?wait_ms=N}: waits up to N ms (at most a minute) for completion. */
    JsonNode commandStatus(JsonExchange exchange, String id) throws InterruptedException {
        return status(exchange, contexts.command(id),
                Math.min(Math.max(exchange.queryLong("wait_ms", 0), 0), MAX_WAIT_MS));
    }

    private static JsonNode status(JsonExchange exchange, Command command, long waitMs) throws InterruptedException {
        command.awaitCompletion(Duration.ofMillis(waitMs));
        CommandStatus status = command.status();
        ObjectNode json = exchange.newObject().put("id", command.id()).put("status", status.apiName());
        ObjectNode results = command.results();
        json.set("results", results == null ? json.nullNode() : results);
        return json;
    }

    /** {@code POST /commands/<id>/cancel}: returns at once; the status turns Cancelled. */
    JsonNode cancel(JsonExchange exchange, String id) {
        contexts.cancel(id);
        return exchange.newObject().put("id", id);
    }

    /** The optional {@code parameters} object: widget names to string values. */
    private static Map<String, String> parameters(ObjectNode body) {
        JsonNode parameters = body.get("parameters");
        if (parameters == null || parameters.isNull()) {
            return Map.of();
        }
        if (!parameters.isObject()) {
            throw ApiException.invalid("parameters must be an object of strings");
        }
        Map<String, String> values = new LinkedHashMap<>();
        parameters.fields().forEachRemaining(field -> {
            if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                throw ApiException.invalid("parameter " + field.getKey() + " must be a string");
            }
            values.put(field.getKey(), field.getValue().asText());
        });
        return values;
    }

    private static String required(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw ApiException.invalid(field + " is required");
        }
        return value.asText();
    }
}
