package org.brickworks.agent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The agent's HTTP API as the control plane calls it: JSON over {@code java.net.http}. */
final class AgentClient {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    private static final Set<String> FINAL = Set.of("Finished", "Cancelled", "Error");

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private final String baseUri;
    private final String secret;

    AgentClient(String baseUri, String secret) {
        this.baseUri = baseUri;
        this.secret = secret;
    }

    /** Sends a request with the given Authorization header (null for none). */
    HttpResponse<String> send(String method, String path, String body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri + path)).method(method,
                body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    /** Sends an authorized request and reads the JSON answer, whatever its status. */
    JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
        String json = body == null ? null : mapper.writeValueAsString(body);
        return mapper.readTree(send(method, path, json, "Bearer " + secret).body());
    }

    String createContext() throws IOException, InterruptedException {
        return call("POST", "/contexts", mapper.createObjectNode().put("language", "sql")).get("id").asText();
    }

    /** A context of {@code language} with the given widget parameters. */
    String createContext(String language, Map<String, String> parameters) throws IOException, InterruptedException {
        ObjectNode body = mapper.createObjectNode().put("language", language);
        body.set("parameters", mapper.valueToTree(parameters));
        JsonNode answer = call("POST", "/contexts", body);
        if (!answer.has("id")) {
            throw new IllegalStateException("No context: " + answer);
        }
        return answer.get("id").asText();
    }

    /** Queues a command in any language, with widget parameters. */
    String execute(String contextId, String language, String code, int maxRows, Map<String, String> parameters)
            throws IOException, InterruptedException {
        ObjectNode body = mapper.createObjectNode().put("context_id", contextId).put("language", language)
                .put("command", code).put("max_rows", maxRows);
        body.set("parameters", mapper.valueToTree(parameters));
        JsonNode answer = call("POST", "/commands", body);
        if (!answer.has("id")) {
            throw new IllegalStateException("No command: " + answer);
        }
        return answer.get("id").asText();
    }

    /** Runs a command in any language and long-polls until it has a final status. */
    JsonNode run(String contextId, String language, String code) throws IOException, InterruptedException {
        return await(execute(contextId, language, code, 1000, Map.of()));
    }

    String execute(String contextId, String sql, int maxRows) throws IOException, InterruptedException {
        return call("POST", "/commands", mapper.createObjectNode().put("context_id", contextId).put("language", "sql")
                .put("command", sql).put("max_rows", maxRows)).get("id").asText();
    }

    /** Runs a command and long-polls until it has a final status. */
    JsonNode run(String contextId, String sql) throws IOException, InterruptedException {
        return await(execute(contextId, sql, 1000));
    }

    JsonNode await(String commandId) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(COMMAND_TIMEOUT);
        JsonNode status = call("GET", "/commands/" + commandId + "?wait_ms=5000", null);
        while (!FINAL.contains(status.path("status").asText()) && Instant.now().isBefore(deadline)) {
            status = call("GET", "/commands/" + commandId + "?wait_ms=5000", null);
        }
        return status;
    }
}
