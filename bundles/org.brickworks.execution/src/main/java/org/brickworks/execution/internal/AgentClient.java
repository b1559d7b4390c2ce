package org.brickworks.execution.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.brickworks.agent.protocol.AgentPaths;
import org.brickworks.agent.protocol.ApiError;
import org.brickworks.agent.protocol.CommandStatus;
import org.brickworks.agent.protocol.ContextInfo;
import org.brickworks.agent.protocol.ContextInstall;
import org.brickworks.agent.protocol.CreateContext;
import org.brickworks.agent.protocol.ExecutorList;
import org.brickworks.agent.protocol.Execute;
import org.brickworks.agent.protocol.Id;
import org.brickworks.agent.protocol.LanguageJars;
import org.brickworks.agent.protocol.Libraries;
import org.brickworks.agent.protocol.MountTable;
import org.brickworks.agent.protocol.Ready;
import org.brickworks.clusters.api.dto.DriverChannel;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The platform's one client of the driver agents: typed calls over the agent protocol's records and paths, the
 * driver's secret as bearer token, the agent's errors kept with their code and message. Every JSON field name and path
 * the platform sends to a driver is here.
 <p>
 * Wire format: the protocol records as Jackson writes them (field names are the record components, camelCase).
 * <p>
 * {@link HttpURLConnection} rather than the JDK's asynchronous HttpClient: it answers a short request in half the time,
 * which is most of what the platform adds to a short command. A body is buffered, so headers and body leave in one TCP
 * segment (in streaming mode Nagle's algorithm held the small body back about 1 ms per command). The JDK resends a
 * buffered POST once when a kept-alive connection fails before the answer; {@code bin/brickworks} turns that off
 * ({@code sun.net.http.retryPost=false}) so that no command can run twice. Thread-safe.
 */
final class AgentClient {
    private static final Logger LOG = LoggerFactory.getLogger(AgentClient.class);
    /** The protocol's JSON; what an agent adds to an answer later is ignored, as old platforms ignore it. */
    static final ObjectMapper WIRE = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SHORT = Duration.ofSeconds(5);
    /** Spark copies each library jar into its file server: generous for large jars on a slow disk. */
    private static final Duration LIBRARIES_TIMEOUT = Duration.ofSeconds(120);

    /** Creates a context; its language's interpreter starts in the background, so this stays short. */
    String createContext(DriverChannel driver, CreateContext context) {
        return read(call(driver, "POST", AgentPaths.CONTEXTS, WIRE.valueToTree(context), TIMEOUT), Id.class).id();
    }

    String contextStatus(DriverChannel driver, String contextId) {
        return contextInfo(driver, contextId).status();
    }

    ContextInfo contextInfo(DriverChannel driver, String contextId) {
        return read(call(driver, "GET", AgentPaths.context(contextId), null, TIMEOUT), ContextInfo.class);
    }

    void destroyContext(DriverChannel driver, String contextId) {
        call(driver, "DELETE", AgentPaths.context(contextId), null, TIMEOUT);
    }

    /** Queues a command; the answer comes when it ended or {@link Execute#waitMillis()} passed. */
    CommandStatus execute(DriverChannel driver, Execute execute) {
        return read(call(driver, "POST", AgentPaths.COMMANDS, WIRE.valueToTree(execute), TIMEOUT),
                CommandStatus.class);
    }

    /** The status of command {@code commandId} of context {@code contextId}, waiting up to {@code waitMillis}. */
    CommandStatus status(DriverChannel driver, String contextId, String commandId, long waitMillis) {
        return read(call(driver, "GET", AgentPaths.commandStatus(contextId, commandId, waitMillis), null,
                TIMEOUT.plusMillis(waitMillis)), CommandStatus.class);
    }

    void cancel(DriverChannel driver, String commandId) {
        call(driver, "POST", AgentPaths.commandCancel(commandId), null, TIMEOUT);
    }

    /** Queues a notebook-scoped install as a command of the context; its id. */
    String installInContext(DriverChannel driver, String contextId, ContextInstall install) {
        return read(call(driver, "POST", AgentPaths.contextLibraries(contextId), WIRE.valueToTree(install), TIMEOUT),
                Id.class).id();
    }

    void addLibraries(DriverChannel driver, Libraries libraries) {
        call(driver, "POST", AgentPaths.LIBRARIES, WIRE.valueToTree(libraries), LIBRARIES_TIMEOUT);
    }

    /** Replaces the driver's mount table (a table older than the driver's is ignored by it). */
    void putMounts(DriverChannel driver, MountTable table) {
        call(driver, "PUT", AgentPaths.MOUNTS, WIRE.valueToTree(table), SHORT);
    }

    /** Replaces the driver's plugin language jars. */
    void putLanguages(DriverChannel driver, LanguageJars jars) {
        call(driver, "PUT", AgentPaths.LANGUAGES, WIRE.valueToTree(jars), SHORT);
    }

    /** Whether the agent answers its health check with the driver's secret. */
    boolean healthy(DriverChannel driver) {
        try {
            call(driver, "GET", AgentPaths.HEALTH, null, SHORT);
            return true;
        } catch (BrickworksException e) {
            LOG.debug("Driver of cluster {} is not healthy: {}", driver.clusterId(), e.getMessage());
            return false;
        }
    }

    /** Asks the agent to stop Spark and exit; false when it did not take the request. */
    boolean shutDown(DriverChannel driver) {
        try {
            call(driver, "POST", AgentPaths.SHUTDOWN, null, SHORT);
            return true;
        } catch (BrickworksException e) {
            LOG.warn("Driver of cluster {} did not take the shutdown request: {}", driver.clusterId(), e.getMessage());
            return false;
        }
    }

    ExecutorList executors(DriverChannel driver) {
        return read(call(driver, "GET", AgentPaths.EXECUTORS, null, SHORT), ExecutorList.class);
    }

    /** What the agent wrote to its ready file; empty while it has not. */
    static Optional<Ready> ready(Path readyFile) throws IOException {
        try {
            return Optional.of(WIRE.readValue(Files.readAllBytes(readyFile), Ready.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static <T> T read(JsonNode answer, Class<T> type) {
        try {
            return WIRE.treeToValue(answer, type);
        } catch (JsonProcessingException e) {
            throw new BrickworksException(ErrorCode.INTERNAL_ERROR, "The driver answered what the platform cannot"
                    + " read as " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** One request to the driver's agent; its errors become the platform's, keeping the agent's message. */
    private static JsonNode call(DriverChannel driver, String method, String path, JsonNode body, Duration timeout) {
        try {
            HttpURLConnection http = (HttpURLConnection) URI.create(driver.address() + path).toURL()
                    .openConnection(Proxy.NO_PROXY);
            http.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            http.setReadTimeout((int) timeout.toMillis());
            http.setRequestMethod(method);
            http.setRequestProperty("Authorization", "Bearer " + driver.secret());
            if (body != null) {
                byte[] bytes = WIRE.writeValueAsBytes(body);
                http.setRequestProperty("Content-Type", "application/json");
                http.setDoOutput(true);
                try (OutputStream out = http.getOutputStream()) {
                    out.write(bytes);
                }
            }
            int status = http.getResponseCode();
            JsonNode answer;
            try (InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream()) {
                answer = in == null ? WIRE.nullNode() : WIRE.readTree(in.readAllBytes());
            }
            if (status != 200) {
                throw agentError(driver, status, answer);
            }
            return answer;
        } catch (IOException | UncheckedIOException e) {
            throw new BrickworksException(ErrorCode.TEMPORARILY_UNAVAILABLE,
                    "The driver of cluster " + driver.clusterId() + " did not answer: " + e.getMessage(), e);
        }
    }

    private static BrickworksException agentError(DriverChannel driver, int status, JsonNode answer) {
        ApiError error = answer.isObject() ? read(answer, ApiError.class) : new ApiError(null, null);
        String message = error.message() == null ? "" : error.message();
        return switch (status) {
        case 400 -> BrickworksException.invalidParameter(message);
        case 404 -> new BrickworksException("ENDPOINT_NOT_FOUND".equals(error.errorCode())
                ? ErrorCode.ENDPOINT_NOT_FOUND : ErrorCode.RESOURCE_DOES_NOT_EXIST, message);
        default -> new BrickworksException(ErrorCode.INTERNAL_ERROR,
                "The driver of cluster " + driver.clusterId() + " answered " + status + ": " + message);
        };
    }
}
