package org.brickworks.shell.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.brickworks.clusters.api.ClusterService;
import org.brickworks.clusters.api.dto.ClusterEvent;
import org.brickworks.clusters.api.dto.ClusterInfo;
import org.brickworks.clusters.api.dto.ClusterState;
import org.brickworks.clusters.api.dto.TerminationReason;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;

/**
 * {@code --wait} of {@code bw:cluster-create}, {@code -edit}, {@code -start}, {@code -restart}, and
 * {@code bw:cluster-wait}: follows a cluster until it is RUNNING (TERMINATED for {@code bw:cluster-terminate --wait}),
 * printing each state it reaches and each new event as they happen, one line each, on the session's output. A cluster
 * that ends TERMINATED or ERROR, or is still on its way when the time is up, fails the command with one line saying
 * why. Polls the cluster service (changes take seconds); used by one command's thread.
 */
final class ClusterWait {
    private static final Duration POLL = Duration.ofMillis(500);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final ClusterService clusters;
    private final PrintStream out;

    ClusterWait(ClusterService clusters, PrintStream out) {
        this.clusters = clusters;
        this.out = out;
    }

    /**
     * @param eventsSeen
     *            how many of the cluster's events are old news (not printed)
     * @return the RUNNING cluster
     * @throws BrickworksException
     *             {@code INVALID_STATE} when the cluster ends TERMINATED or ERROR, or is not RUNNING within
     *             {@code timeout}
     * @throws InterruptedException
     *             when the session is interrupted (the cluster goes on)
     */
    ClusterInfo untilRunning(String clusterId, int eventsSeen, Duration timeout) throws InterruptedException {
        return until(ClusterState.RUNNING, clusterId, eventsSeen, timeout);
    }

    /** As {@link #untilRunning}, until the cluster is TERMINATED (ERROR fails). */
    ClusterInfo untilTerminated(String clusterId, int eventsSeen, Duration timeout) throws InterruptedException {
        return until(ClusterState.TERMINATED, clusterId, eventsSeen, timeout);
    }

    private ClusterInfo until(ClusterState target, String clusterId, int eventsSeen, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = eventsSeen;
        ClusterState shown = null;
        while (true) {
            // The state first, then the events: every event that led to this state is printed before it.
            ClusterInfo cluster = clusters.get(clusterId);
            seen = printNewEvents(clusters.events(clusterId), seen);
            if (cluster.state() != shown) {
                shown = cluster.state();
                out.println(TIME.format(Instant.now()) + "  state " + shown + message(cluster.stateMessage()));
            }
            out.flush();
            if (cluster.state() == target) {
                return cluster;
            }
            if (cluster.state() == ClusterState.TERMINATED || cluster.state() == ClusterState.ERROR) {
                throw ended(cluster);
            }
            if (System.nanoTime() > deadline) {
                throw new BrickworksException(ErrorCode.INVALID_STATE, "Cluster " + clusterId + " is still "
                        + cluster.state() + " after " + timeout.toSeconds() + " s; bw:cluster-events " + clusterId
                        + " shows how it goes on");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private int printNewEvents(List<ClusterEvent> events, int seen) {
        for (ClusterEvent event : events.subList(Math.min(seen, events.size()), events.size())) {
            out.println(TIME.format(Instant.ofEpochMilli(event.timestamp())) + "  " + event.type()
                    + message(event.message()));
        }
        return events.size();
    }

    private static BrickworksException ended(ClusterInfo cluster) {
        TerminationReason reason = cluster.terminationReason();
        List<String> why = new ArrayList<>();
        if (reason != null) {
            why.add(reason.code());
        }
        String detail = reason != null && !reason.message().isBlank() ? reason.message() : cluster.stateMessage();
        if (detail != null && !detail.isBlank()) {
            why.add(detail.strip().replace('\n', ' '));
        }
        return new BrickworksException(ErrorCode.INVALID_STATE, "Cluster " + cluster.clusterId() + " is "
                + cluster.state() + (why.isEmpty() ? "" : ": " + String.join(", ", why)));
    }

    private static String message(String text) {
        return text == null || text.isBlank() ? "" : "  " + text.strip().replace('\n', ' ');
    }
}
