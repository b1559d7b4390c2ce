package org.brickworks.clusters.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.brickworks.clusters.api.DriverAgent;
import org.brickworks.clusters.api.dto.AgentEndpoint;
import org.brickworks.clusters.api.dto.DriverChannel;
import org.brickworks.clusters.api.dto.DriverNode;
import org.brickworks.clusters.api.dto.LaunchedDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A driver process of a cluster: its handle and, once ready, where its agent serves. Stopping asks the agent to shut
 * down (Spark stops cleanly) and kills the process when it does not exit in time.
 */
final class Driver {
    private static final Logger LOG = LoggerFactory.getLogger(Driver.class);

    private final String clusterId;
    private final ProcessHandle process;
    private final LaunchedDriver launched;
    private volatile AgentEndpoint endpoint = new AgentEndpoint(0, 0);
    private volatile String secret;

    Driver(String clusterId, ProcessHandle process, LaunchedDriver launched) {
        this.clusterId = clusterId;
        this.process = process;
        this.launched = launched;
    }

    String clusterId() {
        return clusterId;
    }

    ProcessHandle process() {
        return process;
    }

    LaunchedDriver launched() {
        return launched;
    }

    /** The driver serves where {@code ready} says. */
    void ready(AgentEndpoint ready) {
        endpoint = ready;
    }

    /** The driver as a cluster shows it, ready since {@code startTime}. */
    DriverNode node(long startTime) {
        AgentEndpoint serving = endpoint;
        return new DriverNode(launched.host(), serving.port(), launched.pid(), startTime, serving.connectPort());
    }

    /** How to reach the agent; its port is 0 until the driver is ready. */
    DriverChannel channel() throws IOException {
        return new DriverChannel(clusterId, launched.host(), endpoint.port(), secret());
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

    /**
     * Stops the process within about {@code patience}: asks {@code agent} (null when there is none now) for a clean
     * shutdown, else terminates the process, and kills it when it has not exited by then.
     */
    void stop(Duration patience, DriverAgent agent) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        if (!askToShutDown(agent)) {
            process.destroy();
        }
        try {
            process.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("Driver process {} did not exit within {}: killing it", process.pid(), patience);
            process.destroyForcibly();
        }
    }

    private boolean askToShutDown(DriverAgent agent) {
        if (agent == null || endpoint.port() == 0) {
            return false;
        }
        try {
            return agent.shutDown(channel());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Driver process {} did not take the shutdown request: {}", process.pid(), e.toString());
            return false;
        }
    }
}
