package org.brickworks.clusters.internal;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.brickworks.clusters.api.dto.ClusterInfo;
import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.clusters.api.dto.ClusterState;
import org.brickworks.clusters.api.dto.DriverNode;
import org.brickworks.clusters.api.dto.TerminationReason;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;

/**
 * The cluster state machine: which state may follow which, and the cluster each transition leaves. A transition the
 * machine does not allow is an {@code INVALID_STATE} error and changes nothing.
 */
final class ClusterLifecycle {
    private static final Map<ClusterState, Set<ClusterState>> NEXT = Map.of(ClusterState.PENDING,
            EnumSet.of(ClusterState.RUNNING, ClusterState.TERMINATING, ClusterState.TERMINATED), ClusterState.RUNNING,
            EnumSet.of(ClusterState.TERMINATING, ClusterState.TERMINATED), ClusterState.TERMINATING,
            EnumSet.of(ClusterState.TERMINATED));

    private ClusterLifecycle() {
    }

    static boolean canMove(ClusterState from, ClusterState to) {
        return NEXT.getOrDefault(from, Set.of()).contains(to);
    }

    static ClusterInfo pending(String clusterId, ClusterSpec spec, long now) {
        return new ClusterInfo(clusterId, spec, ClusterState.PENDING, "Starting the driver", now, 0, null, null);
    }

    static ClusterInfo running(ClusterInfo cluster, DriverNode driver) {
        check(cluster, ClusterState.RUNNING);
        return new ClusterInfo(cluster.clusterId(), cluster.spec(), ClusterState.RUNNING, "", cluster.startTime(), 0,
                null, driver);
    }

    static ClusterInfo terminating(ClusterInfo cluster, String message) {
        check(cluster, ClusterState.TERMINATING);
        return new ClusterInfo(cluster.clusterId(), cluster.spec(), ClusterState.TERMINATING, message,
                cluster.startTime(), 0, null, cluster.driver());
    }

    static ClusterInfo terminated(ClusterInfo cluster, TerminationReason reason, long now) {
        check(cluster, ClusterState.TERMINATED);
        return new ClusterInfo(cluster.clusterId(), cluster.spec(), ClusterState.TERMINATED, reason.message(),
                cluster.startTime(), now, reason, null);
    }

    private static void check(ClusterInfo cluster, ClusterState to) {
        if (!canMove(cluster.state(), to)) {
            throw new BrickworksException(ErrorCode.INVALID_STATE,
                    "Cluster " + cluster.clusterId() + " is " + cluster.state() + " and cannot become " + to);
        }
    }
}
