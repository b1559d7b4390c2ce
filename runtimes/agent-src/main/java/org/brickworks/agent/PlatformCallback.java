package org.brickworks.agent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What {@code dbutils} asks of the platform, which the agent cannot do itself: {@code notebook.run} (the workspace is
 * the platform's) and {@code fs.mount/unmount} (the mount table is). Calls go to {@code /api/2.0/driver/*} on the host
 * of {@code --auth-url}, authenticated by the cluster's secret: the platform accepts them for this cluster's own
 * driver only. Its 4xx answers become {@link IllegalArgumentException}s with its message. Thread-safe.
 */
final class PlatformCallback {

    static final String NOTEBOOK_RUN = "/api/2.0/driver/notebook-run";
    static final String MOUNT = "/api/2.0/driver/mount";
    static final String UNMOUNT = "/api/2.0/driver/unmount";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** How long past the child's own timeout the platform may take to answer (it cancels the child's cell first). */
    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<URI> platform;
    private final String secret;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** {@code platformUrl}: any URL of the platform (the agent's {@code --auth-url}); empty when there is none. */
    PlatformCallback(Optional<URI> platformUrl, String secret) {
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
        ObjectNode body = JSON.createObjectNode().put("context_id", contextId).put("path", path)
                .put("timeout_seconds", timeoutSeconds);
        body.set("arguments", JSON.valueToTree(arguments));
        JsonNode answer = post("dbutils.notebook.run", NOTEBOOK_RUN, body,
                timeoutSeconds == 0 ? null : Duration.ofSeconds(timeoutSeconds).plus(ANSWER_MARGIN));
        if (!"SUCCESS".equals(answer.path("result_state").asText())) {
            String run = answer.has("run_id") ? " (run " + answer.path("run_id").asText() + ")" : "";
            throw new WorkflowException("Notebook " + path + run + " " + answer.path("result_state").asText() + ": "
                    + answer.path("error").asText(""));
        }
        JsonNode exit = answer.get("exit_value");
        return exit == null || exit.isNull() ? null : exit.asText();
    }

    /** Mounts {@code source} at {@code mountPoint} through the platform's mounts (every driver sees it). */
    void mount(String source, String mountPoint, Map<String, String> extraConfigs)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("source", source).put("mount_point", mountPoint);
        body.set("extra_configs", JSON.valueToTree(extraConfigs));
        post("dbutils.fs.mount", MOUNT, body, TIMEOUT);
    }

    void unmount(String mountPoint) throws IOException, InterruptedException {
        post("dbutils.fs.unmount", UNMOUNT, JSON.createObjectNode().put("mount_point", mountPoint), TIMEOUT);
    }

    private JsonNode post(String what, String path, JsonNode body, Duration timeout)
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
        JsonNode answer = JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
        if (response.statusCode() / 100 == 4) {
            throw new IllegalArgumentException(answer.path("message").asText("HTTP " + response.statusCode()));
        }
        if (response.statusCode() != 200) {
            throw new IOException("The platform answered " + what + " with HTTP " + response.statusCode() + ": "
                    + answer.path("message").asText(""));
        }
        return answer;
    }
}
