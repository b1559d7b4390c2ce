package org.brickworks.agent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code dbutils.notebook.run}: asks the platform to run a workspace notebook as a child run on this cluster, in a new
 * execution context, and waits for its exit value. The agent cannot read the workspace, so this is a call back to the
 * platform ({@code POST /api/2.0/notebooks/child-run} on the host of {@code --auth-url}), authenticated by the
 * cluster's secret: the platform accepts it only for this cluster's own driver. Thread-safe.
 */
final class ChildRuns {

    static final String PATH = "/api/2.0/notebooks/child-run";
    /** How long past the child's own timeout the platform may take to answer (it cancels the child's cell first). */
    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<URI> endpoint;
    private final String secret;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** {@code platformUrl}: any URL of the platform (the agent's {@code --auth-url}); empty when there is none. */
    ChildRuns(Optional<URI> platformUrl, String secret) {
        this.endpoint = platformUrl.map(url -> url.resolve(PATH));
        this.secret = secret;
    }

    /**
     * Runs the notebook at {@code path} (relative paths: against the notebook run the context belongs to) with
     * {@code arguments} as widget values; returns its {@code dbutils.notebook.exit} value, null when it did not exit.
     *
     * @throws WorkflowException
     *             when the child failed or did not end within {@code timeoutSeconds} (0: no limit)
     */
    String run(String contextId, String path, int timeoutSeconds, Map<String, String> arguments)
            throws IOException, InterruptedException {
        if (timeoutSeconds < 0) {
            throw new IllegalArgumentException("timeoutSeconds must not be negative, got " + timeoutSeconds);
        }
        URI url = endpoint.orElseThrow(() -> new IllegalStateException(
                "dbutils.notebook.run needs the platform: this driver was started without --auth-url"));
        ObjectNode body = JSON.createObjectNode().put("context_id", contextId).put("path", path)
                .put("timeout_seconds", timeoutSeconds);
        body.set("arguments", JSON.valueToTree(arguments));
        HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Authorization", "Bearer " + secret)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (timeoutSeconds > 0) {
            request.timeout(Duration.ofSeconds(timeoutSeconds).plus(ANSWER_MARGIN));
        }
        var response = http.send(request.build(), BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
        if (response.statusCode() / 100 == 4) {
            throw new IllegalArgumentException(answer.path("message").asText("HTTP " + response.statusCode()));
        }
        if (response.statusCode() != 200) {
            throw new IOException("The platform answered dbutils.notebook.run with HTTP " + response.statusCode()
                    + ": " + answer.path("message").asText(""));
        }
        if (!"SUCCESS".equals(answer.path("result_state").asText())) {
            String run = answer.has("run_id") ? " (run " + answer.path("run_id").asText() + ")" : "";
            throw new WorkflowException("Notebook " + path + run + " " + answer.path("result_state").asText() + ": "
                    + answer.path("error").asText(""));
        }
        JsonNode exit = answer.get("exit_value");
        return exit == null || exit.isNull() ? null : exit.asText();
    }
}
