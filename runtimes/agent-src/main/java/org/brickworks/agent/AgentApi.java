package org.brickworks.agent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * The agent's HTTP API: checks the bearer secret on every request, routes it, and turns refusals into Databricks-style
 * error responses. Handles requests concurrently.
 */
final class AgentApi implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AgentApi.class);

    private final ObjectMapper mapper;
    private final BearerAuthenticator authenticator;
    private final HealthEndpoint health;
    private final ExecutionEndpoints execution;
    private final ExecutorsEndpoint executors;
    private final LibrariesEndpoint libraries;
    private final Runnable shutdown;

    AgentApi(ObjectMapper mapper, BearerAuthenticator authenticator, HealthEndpoint health,
            ExecutionEndpoints execution, ExecutorsEndpoint executors, LibrariesEndpoint libraries,
            Runnable shutdown) {
        this.mapper = mapper;
        this.authenticator = authenticator;
        this.health = health;
        this.execution = execution;
        this.executors = executors;
        this.libraries = libraries;
        this.shutdown = shutdown;
    }

    @Override
    public void handle(HttpExchange http) {
        JsonExchange exchange = new JsonExchange(http, mapper);
        try {
            if (!authenticator.accepts(exchange.header("Authorization"))) {
                exchange.respondError(401, "UNAUTHENTICATED", "A valid bearer token is required");
            } else {
                exchange.respond(200, route(exchange));
            }
        } catch (ApiException e) {
            respondQuietly(exchange, e.status(), e.errorCode(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respondQuietly(exchange, 503, "TEMPORARILY_UNAVAILABLE", "The agent is stopping");
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} {} failed", http.getRequestMethod(), http.getRequestURI().getPath(), e);
            respondQuietly(exchange, 500, "INTERNAL_ERROR", String.valueOf(e));
        } finally {
            http.close();
            exchange.runAfterResponse();
        }
    }

    private JsonNode route(JsonExchange exchange) throws IOException, InterruptedException {
        List<String> path = new ArrayList<>(exchange.pathSegments());
        String id = path.size() > 1 ? path.set(1, "{id}") : null;
        String route = exchange.method() + " /" + String.join("/", path);
        return switch (route) {
        case "GET /health" -> health.status(exchange);
        case "GET /executors" -> executors.list(exchange);
        case "GET /libraries" -> libraries.list(exchange);
        case "POST /libraries" -> libraries.install(exchange);
        case "POST /contexts" -> execution.createContext(exchange);
        case "GET /contexts/{id}" -> execution.contextStatus(exchange, id);
        case "DELETE /contexts/{id}" -> execution.destroyContext(exchange, id);
        case "POST /contexts/{id}/libraries" -> libraries.installInContext(exchange, id);
        case "POST /commands" -> execution.execute(exchange);
        case "GET /commands/{id}" -> execution.commandStatus(exchange, id);
        case "POST /commands/{id}/cancel" -> execution.cancel(exchange, id);
        case "POST /shutdown" -> {
            shutdown.run();
            yield exchange.newObject().put("state", "TERMINATING");
        }
        default -> throw new ApiException(404, "ENDPOINT_NOT_FOUND", "No endpoint " + route);
        };
    }

    private static void respondQuietly(JsonExchange exchange, int status, String errorCode, String message) {
        try {
            exchange.respondError(status, errorCode, message);
        } catch (IOException e) {
            LOG.debug("Could not send the error response", e);
        }
    }
}
