package org.brickworks.agent.http;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * The agent's HTTP API: checks the bearer secret on every request, routes it ({@link Routes}), and turns refusals and
 * failures into {@link org.brickworks.agent.protocol.ApiError} answers. Handles requests concurrently.
 */
public final class AgentApi implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AgentApi.class);

    private final ObjectMapper mapper;
    private final BearerAuthenticator authenticator;
    private final Routes routes;

    public AgentApi(ObjectMapper mapper, BearerAuthenticator authenticator, Routes routes) {
        this.mapper = mapper;
        this.authenticator = authenticator;
        this.routes = routes;
    }

    @Override
    public void handle(HttpExchange http) {
        JsonExchange exchange = new JsonExchange(http, mapper);
        try {
            if (!authenticator.accepts(exchange.header("Authorization"))) {
                exchange.respondError(401, "UNAUTHENTICATED", "A valid bearer token is required");
            } else {
                exchange.respond(200, answer(exchange));
            }
        } catch (ApiException e) {
            respondQuietly(exchange, e.status(), e.errorCode(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respondQuietly(exchange, 503, "TEMPORARILY_UNAVAILABLE", "The agent is stopping");
        } catch (Exception e) {
            LOG.warn("{} {} failed", http.getRequestMethod(), http.getRequestURI().getPath(), e);
            respondQuietly(exchange, 500, "INTERNAL_ERROR", String.valueOf(e));
        } finally {
            http.close();
            exchange.runAfterResponse();
        }
    }

    private Object answer(JsonExchange exchange) throws Exception {
        Routes.Match match = routes.match(exchange.method(), exchange.pathSegments());
        if (match == null) {
            throw new ApiException(404, "ENDPOINT_NOT_FOUND",
                    "No endpoint " + exchange.method() + " /" + String.join("/", exchange.pathSegments()));
        }
        return match.endpoint().answer(exchange, match.id());
    }

    private static void respondQuietly(JsonExchange exchange, int status, String errorCode, String message) {
        try {
            exchange.respondError(status, errorCode, message);
        } catch (IOException e) {
            LOG.debug("Could not send the error response", e);
        }
    }
}
