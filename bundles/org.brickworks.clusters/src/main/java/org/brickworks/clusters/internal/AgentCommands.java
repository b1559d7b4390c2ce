package org.brickworks.clusters.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.brickworks.clusters.api.CommandExecution;
import org.brickworks.clusters.api.NotebookLibraryResolver;
import org.brickworks.clusters.api.dto.CommandResult;
import org.brickworks.clusters.api.dto.NotebookLibraries;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Command Execution API 1.2 over the driver agents' HTTP API: kept-alive HTTP/1.1 connections, the cluster's secret
 * as bearer token, status requests long-polling on the agent. {@code execute} waits on the agent up to
 * {@link #EXECUTE_WAIT_MILLIS} for the command to end and keeps a result it got for the first status call, so a short
 * command costs one request to the agent, not two. The agent's errors keep their code and message.
 * {@link HttpURLConnection} rather than the JDK's asynchronous HttpClient: it answers a short request in half the time,
 * which is most of what the platform adds to a short command. A body is buffered, so headers and body leave in one
 * TCP segment: in streaming mode the body was a second, small segment that Nagle's algorithm held back until the
 * agent acknowledged the headers (about 1 ms per command here). The JDK resends a buffered POST once when a kept-alive
 * connection fails before the answer; the agent only closes connections idle for longer than the JDK keeps them, so
 * that is a connection the agent never read from, and {@code bin/brickworks} turns the resend off
 * ({@code sun.net.http.retryPost=false}) so that no command can run twice.
 * A command that a {@link NotebookLibraryResolver} takes ({@code %pip install}, {@code %mvn install}) is resolved here,
 * on the platform, and becomes the agent's install command of the context ({@code POST /contexts/<id>/libraries}).
 */
final class AgentCommands implements CommandExecution {
    static final long MAX_WAIT_MILLIS = 60_000;
    /** How long {@code execute} waits on the agent for the command to end, so a short one needs no status call. */
    static final long EXECUTE_WAIT_MILLIS = 100;
    private static final int FINISHED_KEPT = 256;
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ObjectMapper json = new ObjectMapper();
    private final Function<String, Driver> drivers;
    private final Supplier<List<NotebookLibraryResolver>> notebookLibraries;
    /**
     * Commands that ended while {@code execute} waited, by cluster and command id, until their first status call (the
     * agent keeps them too; the oldest go first beyond {@link #FINISHED_KEPT}).
     */
    private final Map<String, CommandResult> finished = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, CommandResult> eldest) {
                    return size() > FINISHED_KEPT;
                }
            });

    /**
     * @param drivers
     *            the running driver of a cluster id, or an exception saying why there is none
     * @param notebookLibraries
     *            the resolvers of notebook-scoped installs ({@code %pip install}, ...) registered now
     */
    AgentCommands(Function<String, Driver> drivers, Supplier<List<NotebookLibraryResolver>> notebookLibraries) {
        this.drivers = drivers;
        this.notebookLibraries = notebookLibraries;
    }

    /** Without notebook-scoped installs: for requests that never run commands. */
    AgentCommands(Function<String, Driver> drivers) {
        this(drivers, List::of);
    }

    @Override
    public String createContext(String clusterId, String language) {
        return createContext(clusterId, language, Map.of());
    }

    @Override
    public String createContext(String clusterId, String language, Map<String, String> parameters) {
        checkLanguage(language);
        ObjectNode body = json.createObjectNode().put("language", language);
        body.set("parameters", json.valueToTree(parameters));
        // A context starts its language's interpreter in the background: creating it stays short.
        return call(clusterId, "POST", "/contexts", body, TIMEOUT).path("id").asText();
    }

    @Override
    public String contextStatus(String clusterId, String contextId) {
        return call(clusterId, "GET", "/contexts/" + id("contextId", contextId), null, TIMEOUT).path("status")
                .asText();
    }

    @Override
    public void destroyContext(String clusterId, String contextId) {
        call(clusterId, "DELETE", "/contexts/" + id("contextId", contextId), null, TIMEOUT);
    }

    @Override
    public String execute(String clusterId, String contextId, String language, String command) {
        return execute(clusterId, contextId, language, command, Map.of());
    }

    @Override
    public String execute(String clusterId, String contextId, String language, String command,
            Map<String, String> parameters) {
        checkLanguage(language);
        if (command == null || command.isBlank()) {
            throw BrickworksException.invalidParameter("Missing required field: command");
        }
        id("contextId", contextId);
        if (command.stripLeading().startsWith("%")) {
            Optional<ObjectNode> install = notebookInstall(clusterId, language, command);
            if (install.isPresent()) {
                return call(clusterId, "POST", "/contexts/" + contextId + "/libraries", install.get(), TIMEOUT)
                        .path("id").asText();
            }
        }
        ObjectNode body = json.createObjectNode().put("context_id", contextId).put("language", language)
                .put("command", command).put("wait_ms", EXECUTE_WAIT_MILLIS);
        body.set("parameters", json.valueToTree(parameters));
        CommandResult result = result(call(clusterId, "POST", "/commands", body, TIMEOUT));
        if (result.done()) {
            finished.put(clusterId + "/" + result.id(), result);
        }
        return result.id();
    }

    /**
     * The agent's request adding a notebook-scoped install's files to the context, or its failure (the context's
     * command then ends with the resolver's reason), when a resolver takes the command.
     */
    private Optional<ObjectNode> notebookInstall(String clusterId, String language, String command) {
        drivers.apply(clusterId); // a stopped cluster refuses before anything is downloaded
        for (NotebookLibraryResolver resolver : notebookLibraries.get()) {
            Optional<NotebookLibraries> resolved;
            try {
                resolved = resolver.resolve(language, command);
            } catch (BrickworksException e) {
                return Optional.of(json.createObjectNode().put("failure", e.getMessage()));
            }
            if (resolved.isPresent()) {
                ObjectNode body = json.createObjectNode().put("summary", resolved.get().summary());
                resolved.get().jars().forEach(jar -> body.withArray("jars").add(jar.toAbsolutePath().toString()));
                resolved.get().pythonPaths()
                        .forEach(path -> body.withArray("python_paths").add(path.toAbsolutePath().toString()));
                return Optional.of(body);
            }
        }
        return Optional.empty();
    }

    @Override
    public CommandResult status(String clusterId, String contextId, String commandId, long waitMillis) {
        id("commandId", commandId);
        drivers.apply(clusterId); // a cluster that stopped refuses, as the call to its agent would
        CommandResult ended = finished.remove(clusterId + "/" + commandId);
        if (ended != null) {
            return ended;
        }
        long wait = Math.max(0, Math.min(MAX_WAIT_MILLIS, waitMillis));
        return result(call(clusterId, "GET", "/commands/" + commandId + "?wait_ms=" + wait, null,
                TIMEOUT.plusMillis(wait)));
    }

    private CommandResult result(JsonNode answer) {
        JsonNode results = answer.get("results");
        return new CommandResult(answer.path("id").asText(), answer.path("status").asText(),
                results == null || results.isNull() ? null : json.convertValue(results, MAP));
    }

    @Override
    public void cancel(String clusterId, String contextId, String commandId) {
        call(clusterId, "POST", "/commands/" + id("commandId", commandId) + "/cancel", null, TIMEOUT);
    }

    static void checkLanguage(String language) {
        if (language == null || language.isBlank()) {
            throw BrickworksException.invalidParameter("Missing required field: language");
        }
        if (!LANGUAGES.contains(language)) {
            throw BrickworksException.invalidParameter(
                    "language " + language + " is not supported: use one of sql, scala, python, r, fs");
        }
    }

    /** Ids go into the agent's paths: anything but a plain id can only be unknown. */
    static String id(String field, String value) {
        if (value == null || value.isBlank()) {
            throw BrickworksException.invalidParameter("Missing required field: " + field);
        }
        if (!value.matches("[A-Za-z0-9_-]{1,100}")) {
            throw BrickworksException.notFound(field + " " + value + " does not exist");
        }
        return value;
    }

    /** One request to the cluster's agent; its errors become the platform's, keeping the agent's message. */
    JsonNode call(String clusterId, String method, String path, JsonNode body, Duration timeout) {
        Driver driver = drivers.apply(clusterId);
        try {
            HttpURLConnection http = (HttpURLConnection) URI.create(driver.agentAddress() + path).toURL()
                    .openConnection(Proxy.NO_PROXY);
            http.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            http.setReadTimeout((int) timeout.toMillis());
            http.setRequestMethod(method);
            http.setRequestProperty("Authorization", "Bearer " + driver.secret());
            if (body != null) {
                byte[] bytes = json.writeValueAsBytes(body);
                http.setRequestProperty("Content-Type", "application/json");
                http.setDoOutput(true);
                try (OutputStream out = http.getOutputStream()) {
                    out.write(bytes);
                }
            }
            int status = http.getResponseCode();
            JsonNode answer;
            try (InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream()) {
                answer = in == null ? null : json.readTree(in.readAllBytes());
            }
            if (status != 200) {
                throw agentError(clusterId, status, answer);
            }
            return answer;
        } catch (IOException e) {
            throw new BrickworksException(ErrorCode.TEMPORARILY_UNAVAILABLE,
                    "The driver of cluster " + clusterId + " did not answer: " + e.getMessage(), e);
        }
    }

    private static BrickworksException agentError(String clusterId, int status, JsonNode answer) {
        String message = answer == null ? "" : answer.path("message").asText("");
        return switch (status) {
        case 400 -> BrickworksException.invalidParameter(message);
        case 404 -> BrickworksException.notFound(message);
        default -> new BrickworksException(ErrorCode.INTERNAL_ERROR,
                "The driver of cluster " + clusterId + " answered " + status + ": " + message);
        };
    }
}
