package org.brickworks.examples.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.jobs.api.TaskRun;
import org.brickworks.jobs.api.TaskType;
import org.brickworks.jobs.api.dto.TaskResult;
import org.osgi.service.component.annotations.Component;

/**
 * {@code http_task}: a job task that calls an HTTP endpoint, {@code {"url": ..., "method": "GET" | "POST", "body":
 * ..., "expected_status": 200}}, on the platform (no cluster). It succeeds when the answer has the expected status;
 * the output's {@code http_output} has the status and the start of the answer's body. References in the payload are
 * resolved before it runs: {@code "url": "https://example.com/ping?run={{job.run_id}}"}.
 */
@Component(service = TaskType.class, property = TaskType.NAME + "=http_task")
public class HttpTask implements TaskType {
    private static final int MAX_BODY = 4096;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Override
    public boolean runsOnCluster() {
        return false;
    }

    @Override
    public void check(Map<String, Object> payload, String field) {
        if (!(payload.get("url") instanceof String url) || !(url.startsWith("http://") || url.startsWith("https://")
                || url.startsWith("{{"))) {
            throw BrickworksException.invalidParameter(field + ".url must be an http:// or https:// URL");
        }
        Object method = payload.getOrDefault("method", "GET");
        if (!"GET".equals(method) && !"POST".equals(method)) {
            throw BrickworksException.invalidParameter(field + ".method must be GET or POST, got " + method);
        }
    }

    @Override
    public TaskResult run(TaskRun task) throws IOException, InterruptedException {
        Map<String, Object> payload = task.payload();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(String.valueOf(payload.get("url"))))
                .timeout(Duration.ofSeconds(60));
        if ("POST".equals(payload.get("method"))) {
            request.POST(HttpRequest.BodyPublishers.ofString(String.valueOf(payload.getOrDefault("body", ""))));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String body = response.body().length() > MAX_BODY ? response.body().substring(0, MAX_BODY) : response.body();
        Map<String, Object> output = Map.of("http_output", Map.of("status", response.statusCode(), "body", body));
        int expected = payload.get("expected_status") instanceof Number number ? number.intValue() : 200;
        return response.statusCode() == expected ? TaskResult.success(output, "")
                : TaskResult.failure("Expected status " + expected + ", got " + response.statusCode(), "", output, "");
    }
}
