package org.brickworks.agent.testing;

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

import org.brickworks.agent.protocol.AgentPaths;
import org.brickworks.agent.protocol.CreateContext;
import org.brickworks.agent.protocol.Execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The agent's HTTP API as the control plane calls it: the protocol's records as JSON over {@code java.net.http}.
 * Answers are read as JSON trees, so tests see the wire format itself.
 */
public final class AgentClient {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    private static final long POLL_MILLIS = 5000;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private final String baseUri;
    private final String secret;

    public AgentClient(String baseUri, String secret) {
        this.baseUri = baseUri;
        this.secret = secret;
    }

    /** Sends a request with the given Authorization header (null for none). */
    public HttpResponse<String> send(String method, String path, String body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri + path)).method(method,
                body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    /** Sends an authorized request (the body as JSON) and reads the JSON answer, whatever its status. */
    public JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
        String json = body == null ? null : mapper.writeValueAsString(body);
        return mapper.readTree(send(method, path, json, "Bearer " + secret).body());
    }

    public String createContext() throws IOException, InterruptedException {
        return createContext("sql", Map.of());
    }

    /** A context of {@code language} with the given widget parameters. */
    public String createContext(String language, Map<String, String> parameters)
            throws IOException, InterruptedException {
        JsonNode answer = call("POST", AgentPaths.CONTEXTS, new CreateContext(language, parameters));
        if (!answer.has("id")) {
            throw new IllegalStateException("No context: " + answer);
        }
        return answer.get("id").asText();
    }

    /** Queues a command in any language, with widget parameters. */
    public String execute(String contextId, String language, String code, int maxRows, Map<String, String> parameters)
            throws IOException, InterruptedException {
        JsonNode answer = call("POST", AgentPaths.COMMANDS,
                new Execute(contextId, language, code, maxRows, parameters, 0));
        if (!answer.has("id")) {
            throw new IllegalStateException("No command: " + answer);
        }
        return answer.get("id").asText();
    }

    /** Runs a command in any language and long-polls until it has a final status. */
    public JsonNode run(String contextId, String language, String code) throws IOException, InterruptedException {
        return await(execute(contextId, language, code, Execute.DEFAULT_MAX_ROWS, Map.of()));
    }

    public String execute(String contextId, String sql, int maxRows) throws IOException, InterruptedException {
        return execute(contextId, "sql", sql, maxRows, Map.of());
    }

    /** Runs a SQL command and long-polls until it has a final status. */
    public JsonNode run(String contextId, String sql) throws IOException, InterruptedException {
        return run(contextId, "sql", sql);
    }

    /** The command's status once final, polling for at most two minutes. */
    public JsonNode await(String commandId) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(COMMAND_TIMEOUT);
        JsonNode status = status(commandId, POLL_MILLIS);
        while (isPending(status) && Instant.now().isBefore(deadline)) {
            status = status(commandId, POLL_MILLIS);
        }
        return status;
    }

    /** The command's status, waiting up to {@code waitMillis} for it to end. */
    public JsonNode status(String commandId, long waitMillis) throws IOException, InterruptedException {
        return call("GET", AgentPaths.commandStatus(commandId, waitMillis), null);
    }

    public JsonNode cancel(String commandId) throws IOException, InterruptedException {
        return call("POST", AgentPaths.commandCancel(commandId), null);
    }

    /** Waits up to a minute until the command runs (a poll answers at once when it does, else after a second). */
    public boolean awaitRunning(String commandId) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if ("Running".equals(status(commandId, 0).path("status").asText())) {
                return true;
            }
            status(commandId, 1000);
        }
        return false;
    }

    private static boolean isPending(JsonNode status) {
        String state = status.path("status").asText();
        return state.equals("Queued") || state.equals("Running");
    }
}
