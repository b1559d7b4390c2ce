package org.brickworks.agent.dbutils;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.brickworks.agent.protocol.Mount;
import org.brickworks.agent.protocol.NotebookRunAnswer;
import org.brickworks.agent.protocol.NotebookRunRequest;
import org.brickworks.agent.protocol.PlatformPaths;
import org.brickworks.agent.protocol.SecretAnswer;
import org.brickworks.agent.protocol.SecretRequest;
import org.brickworks.agent.protocol.TaskValueAnswer;
import org.brickworks.agent.protocol.TaskValueRequest;
import org.brickworks.agent.protocol.Unmount;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What {@code dbutils} asks of the platform, which the agent cannot do itself: {@code notebook.run} (the workspace is
 * the platform's), {@code fs.mount/unmount} (the mount table is), {@code jobs.taskValues} (the job runs are) and
 * {@code secrets} (the scopes are, read with the rights of the context's user).
 * Calls go to {@link PlatformPaths} on the host of {@code --auth-url}, authenticated by the cluster's secret: the
 * platform accepts them for this cluster's own driver only. Its 4xx answers become {@link IllegalArgumentException}s with its message. Thread-safe.
 */
public final class PlatformCallback {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** How long past the child's own timeout the platform may take to answer (it cancels the child's cell first). */
    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(90);
    private static final String SUCCESS = "SUCCESS";
    // A newer platform may answer more than this agent knows.
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Optional<URI> platform;
    private final String secret;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** {@code platformUrl}: any URL of the platform (the agent's {@code --auth-url}); empty when there is none. */
    public PlatformCallback(Optional<URI> platformUrl, String secret) {
        this.platform = platformUrl;
        this.secret = secret;
    }

    /**
     * Runs the notebook at {@code path} as a child run on this cluster in a new context (relative paths: against the
     * notebook run the calling context belongs to) with {@code arguments} as widget values; returns its
     * {@code dbutils.notebook.exit} value, null when it did not exit.
     *
     * @throws WorkflowException
     *             when the child failed or did not end within {@code timeoutSeconds} (0: no limit)
     */
    String runNotebook(String contextId, String path, int timeoutSeconds, Map<String, String> arguments)
            throws IOException, InterruptedException {
        if (timeoutSeconds < 0) {
            throw new IllegalArgumentException("timeoutSeconds must not be negative, got " + timeoutSeconds);
        }
        NotebookRunAnswer answer = JSON.readValue(post("dbutils.notebook.run", PlatformPaths.NOTEBOOK_RUN,
                new NotebookRunRequest(contextId, path, timeoutSeconds, arguments),
                timeoutSeconds == 0 ? null : Duration.ofSeconds(timeoutSeconds).plus(ANSWER_MARGIN)),
                NotebookRunAnswer.class);
        if (!SUCCESS.equals(answer.resultState())) {
            String run = answer.runId() == null ? "" : " (run " + answer.runId() + ")";
            throw new WorkflowException("Notebook " + path + run + " " + answer.resultState() + ": "
                    + (answer.error() == null ? "" : answer.error()));
        }
        return answer.exitValue();
    }

    /** Mounts {@code source} at {@code mountPoint} through the platform's mounts (it pushes them to every driver). */
    void mount(String source, String mountPoint, Map<String, String> extraConfigs)
            throws IOException, InterruptedException {
        post("dbutils.fs.mount", PlatformPaths.MOUNT, new Mount(source, mountPoint, extraConfigs), TIMEOUT);
    }

    void unmount(String mountPoint) throws IOException, InterruptedException {
        post("dbutils.fs.unmount", PlatformPaths.UNMOUNT, new Unmount(mountPoint), TIMEOUT);
    }

    /** Sets task value {@code key} of the job task context {@code contextId} runs; outside a job, nothing. */
    void setTaskValue(String contextId, String key, String json) throws IOException, InterruptedException {
        if (platform.isPresent()) {
            post("dbutils.jobs.taskValues.set", PlatformPaths.TASK_VALUE_SET,
                    new TaskValueRequest(contextId, null, key, json), TIMEOUT);
        }
    }

    /** Task value {@code key} of task {@code taskKey} of the job run context {@code contextId} runs a task of. */
    TaskValueAnswer taskValue(String contextId, String taskKey, String key) throws IOException, InterruptedException {
        if (platform.isEmpty()) {
            return new TaskValueAnswer(false, null); // no platform, no job
        }
        return JSON.readValue(post("dbutils.jobs.taskValues.get", PlatformPaths.TASK_VALUE_GET,
                new TaskValueRequest(contextId, taskKey, key, null), TIMEOUT), TaskValueAnswer.class);
    }

    /** The value of secret {@code key} of {@code scope}, read with the rights of the user of context {@code contextId}. */
    byte[] secret(String contextId, String scope, String key) throws IOException, InterruptedException {
        return Base64.getDecoder().decode(secretAnswer("dbutils.secrets.get", PlatformPaths.SECRET_GET,
                new SecretRequest(contextId, scope, key)).value());
    }

    /** The keys of {@code scope}, listed with the rights of the user of context {@code contextId}. */
    List<String> secretKeys(String contextId, String scope) throws IOException, InterruptedException {
        return secretAnswer("dbutils.secrets.list", PlatformPaths.SECRET_LIST,
                new SecretRequest(contextId, scope, null)).names();
    }

    /** The names of the secret scopes. */
    List<String> secretScopes(String contextId) throws IOException, InterruptedException {
        return secretAnswer("dbutils.secrets.listScopes", PlatformPaths.SECRET_SCOPES,
                new SecretRequest(contextId, null, null)).names();
    }

    private SecretAnswer secretAnswer(String what, String path, SecretRequest request)
            throws IOException, InterruptedException {
        return JSON.readValue(post(what, path, request, TIMEOUT, true), SecretAnswer.class);
    }

    private String post(String what, String path, Object body, Duration timeout)
            throws IOException, InterruptedException {
        return post(what, path, body, timeout, false);
    }

    /**
     * The answer's body; a refusal or failure as an exception with the platform's message, after its error code
     * ({@code PERMISSION_DENIED: ...}) when {@code withCode}.
     */
    private String post(String what, String path, Object body, Duration timeout, boolean withCode)
            throws IOException, InterruptedException {
        URI url = platform.orElseThrow(() -> new IllegalStateException(
                what + " needs the platform: this driver was started without --auth-url")).resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Authorization", "Bearer " + secret)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (timeout != null) {
            request.timeout(timeout);
        }
        HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());
        if (response.statusCode() / 100 == 4) {
            throw new IllegalArgumentException(message(response, withCode));
        }
        if (response.statusCode() != 200) {
            throw new IOException("The platform answered " + what + " with " + message(response, withCode));
        }
        return response.body().isEmpty() ? "{}" : response.body();
    }

    private static String message(HttpResponse<String> response, boolean withCode) {
        try {
            // The platform's errors are {"error_code", "message"}, the agent protocol's ApiError in snake case.
            JsonNode error = JSON.readTree(response.body());
            if (error != null && error.hasNonNull("message")) {
                String message = error.get("message").asText();
                return withCode && error.hasNonNull("error_code") ? error.get("error_code").asText() + ": " + message
                        : message;
            }
        } catch (IOException notAnError) {
            // not JSON: the status says it
        }
        return "HTTP " + response.statusCode();
    }
}
