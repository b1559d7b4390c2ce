package org.brickworks.clusters.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.brickworks.clusters.api.dto.LaunchedDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A driver process this platform started: its handle and, once ready, its agent's port. Stopping asks the agent to
 * shut down (Spark stops cleanly) and kills the process when it does not exit in time.
 */
final class Driver {
    private static final Logger LOG = LoggerFactory.getLogger(Driver.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final ProcessHandle process;
    private final LaunchedDriver launched;
    private volatile int port;
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

    void ready(int agentPort) {
        port = agentPort;
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
            HttpRequest request = HttpRequest.newBuilder(URI.create(agentAddress() + "/shutdown"))
                    .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + secret())
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            LOG.warn("Driver process {} did not take the shutdown request: {}", process.pid(), e.toString());
            return false;
        }
    }
}
