package org.brickworks.clusters.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.brickworks.clusters.api.dto.ExecutorNode;
import org.brickworks.clusters.api.dto.LaunchedDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A driver process this platform started: its handle and, once ready, its agent's port. Stopping asks the agent to
 * shut down (Spark stops cleanly) and kills the process when it does not exit in time.
 */
final class Driver {
    private static final Logger LOG = LoggerFactory.getLogger(Driver.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProcessHandle process;
    private final LaunchedDriver launched;
    private volatile int port;
    private volatile int connectPort;
    private volatile String secret;

    Driver(ProcessHandle process, LaunchedDriver launched) {
        this.process = process;
        this.launched = launched;
    }

    ProcessHandle process() {
        return process;
    }

    LaunchedDriver launched() {
        return launched;
    }

    /** The driver serves: its agent on {@code agentPort}, Spark Connect on {@code sparkConnectPort} (0: none). */
    void ready(int agentPort, int sparkConnectPort) {
        port = agentPort;
        connectPort = sparkConnectPort;
    }

    int port() {
        return port;
    }

    int connectPort() {
        return connectPort;
    }

    /** Whether the agent answers its health check with this driver's secret, within a few seconds. */
    boolean healthy() throws InterruptedException {
        try {
            return process.isAlive() && HTTP.send(request("/health").GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            LOG.debug("Driver process {} is not healthy: {}", process.pid(), e.toString());
            return false;
        }
    }

    /** The Spark executors the agent reports (its {@code GET /executors}). */
    List<ExecutorNode> executors() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request("/executors").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("The agent answered " + response.statusCode() + " to GET /executors");
        }
        List<ExecutorNode> executors = new ArrayList<>();
        for (JsonNode e : JSON.readTree(response.body()).path("executors")) {
            executors.add(new ExecutorNode(e.path("executor_id").asText(), e.path("host").asText(),
                    e.path("cores").asInt(), e.path("start_time").asLong()));
        }
        return executors;
    }

    /** A request to the agent with this driver's secret and a short timeout. */
    HttpRequest.Builder request(String path) throws IOException {
        return HttpRequest.newBuilder(URI.create(agentAddress() + path)).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + secret());
    }

    /** The agent's address, {@code http://host:port}; the port is 0 until the driver is ready. */
    String agentAddress() {
        return "http://" + launched.host() + ":" + port;
    }

    /** The agent's bearer token, read once from its secret file. */
    String secret() throws IOException {
        String known = secret;
        if (known == null) {
            known = Files.readAllLines(launched.secretFile()).get(0);
            secret = known;
        }
        return known;
    }

    /** Stops the process within about {@code patience}; killed when it has not exited by then. */
    void stop(Duration patience) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        if (!askToShutDown()) {
            process.destroy();
        }
        try {
            process.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("Driver process {} did not exit within {}: killing it", process.pid(), patience);
            process.destroyForcibly();
        }
    }

    private boolean askToShutDown() throws InterruptedException {
        if (port == 0) {
            return false;
        }
        try {
            HttpRequest request = request("/shutdown").POST(HttpRequest.BodyPublishers.noBody()).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            LOG.warn("Driver process {} did not take the shutdown request: {}", process.pid(), e.toString());
            return false;
        }
    }
}
