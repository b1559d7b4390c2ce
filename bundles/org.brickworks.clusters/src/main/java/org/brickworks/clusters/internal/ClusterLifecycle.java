package org.brickworks.clusters.internal;

import java.util.EnumSet;
import java.util.List;
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
 * The cluster state machine, as the Databricks Clusters API documents it: which state may follow which, and the
 * cluster each transition leaves. A transition the machine does not allow is an {@code INVALID_STATE} error and
 * changes nothing.
 */
final class ClusterLifecycle {
    /** States with a driver starting or running: a terminate request applies to them. */
    static final Set<ClusterState> ACTIVE = EnumSet.of(ClusterState.PENDING, ClusterState.RUNNING,
            ClusterState.RESTARTING, ClusterState.RESIZING);
    private static final Map<ClusterState, Set<ClusterState>> NEXT = Map.of(ClusterState.PENDING,
            EnumSet.of(ClusterState.RUNNING, ClusterState.TERMINATING, ClusterState.TERMINATED), ClusterState.RUNNING,
            EnumSet.of(ClusterState.RESTARTING, ClusterState.RESIZING, ClusterState.TERMINATING,
                    ClusterState.TERMINATED),
            ClusterState.RESTARTING,
            EnumSet.of(ClusterState.RUNNING, ClusterState.TERMINATING, ClusterState.TERMINATED),
            ClusterState.RESIZING, EnumSet.of(ClusterState.RUNNING, ClusterState.TERMINATING, ClusterState.TERMINATED),
            ClusterState.TERMINATING, EnumSet.of(ClusterState.TERMINATED), ClusterState.TERMINATED,
            EnumSet.of(ClusterState.PENDING), ClusterState.ERROR, EnumSet.of(ClusterState.PENDING,
                    ClusterState.TERMINATED),
            ClusterState.UNKNOWN, EnumSet.of(ClusterState.TERMINATED));

    private ClusterLifecycle() {
    }

    static boolean canMove(ClusterState from, ClusterState to) {
        return NEXT.getOrDefault(from, Set.of()).contains(to);
    }

    /** {@code cluster} when it is in {@code state}; else {@code INVALID_STATE}: only such clusters can be {@code what}. */
    static ClusterInfo require(ClusterInfo cluster, ClusterState state, String what) {
        if (cluster.state() != state) {
            throw new BrickworksException(ErrorCode.INVALID_STATE, "Cluster " + cluster.clusterId() + " is "
                    + cluster.state() + ": only a " + state + " cluster can be " + what);
        }
        return cluster;
    }

    static ClusterInfo pending(String clusterId, ClusterSpec spec, long now) {
        return pending(clusterId, spec, now, ClusterInfo.API, null);
    }

    static ClusterInfo pending(String clusterId, ClusterSpec spec, long now, String clusterSource, String creator) {
        return new ClusterInfo(clusterId, spec, ClusterState.PENDING, "Starting the driver", now, 0, null, null,
                List.of(), false, clusterSource, creator);
    }

    /** A TERMINATED cluster starting again. */
    static ClusterInfo restarted(ClusterInfo cluster) {
        check(cluster, ClusterState.PENDING);
        return with(cluster, cluster.spec(), ClusterState.PENDING, "Starting the driver", null);
    }

    static ClusterInfo running(ClusterInfo cluster, DriverNode driver) {
        check(cluster, ClusterState.RUNNING);
        return with(cluster, cluster.spec(), ClusterState.RUNNING, "", driver);
    }

    /** A RUNNING cluster whose driver restarts on {@code spec}: RESIZING when only its workers change. */
    static ClusterInfo restarting(ClusterInfo cluster, ClusterSpec spec) {
        ClusterState state = onlyWorkersDiffer(cluster.spec(), spec) ? ClusterState.RESIZING
                : ClusterState.RESTARTING;
        check(cluster, state);
        String message = state == ClusterState.RESIZING
                ? "Resizing to " + spec.maxWorkers() + " workers: the driver restarts"
                : "Restarting the driver on " + spec.sparkVersion();
        return with(cluster, spec, state, message, cluster.driver());
    }

    /** A TERMINATED cluster's new spec, for its next start. */
    static ClusterInfo edited(ClusterInfo cluster, ClusterSpec spec) {
        if (cluster.state() != ClusterState.TERMINATED) {
            throw invalid(cluster, "be edited: only RUNNING and TERMINATED clusters can");
        }
        return new ClusterInfo(cluster.clusterId(), spec, cluster.state(), cluster.stateMessage(),
                cluster.startTime(), cluster.terminatedTime(), cluster.terminationReason(), null, List.of(),
                cluster.pinned(), cluster.clusterSource(),
                cluster.creatorUserName());
    }

    static ClusterInfo terminating(ClusterInfo cluster, String message) {
        check(cluster, ClusterState.TERMINATING);
        return with(cluster, cluster.spec(), ClusterState.TERMINATING, message, cluster.driver());
    }

    static ClusterInfo terminated(ClusterInfo cluster, TerminationReason reason, long now) {
        check(cluster, ClusterState.TERMINATED);
        return new ClusterInfo(cluster.clusterId(), cluster.spec(), ClusterState.TERMINATED, reason.message(),
                cluster.startTime(), now, reason, null, List.of(), cluster.pinned(), cluster.clusterSource(),
                cluster.creatorUserName());
    }

    static ClusterInfo pinned(ClusterInfo cluster, boolean pinned) {
        return new ClusterInfo(cluster.clusterId(), cluster.spec(), cluster.state(), cluster.stateMessage(),
                cluster.startTime(), cluster.terminatedTime(), cluster.terminationReason(), cluster.driver(),
                List.of(), pinned, cluster.clusterSource(),
                cluster.creatorUserName());
    }

    private static ClusterInfo with(ClusterInfo cluster, ClusterSpec spec, ClusterState state, String message,
            DriverNode driver) {
        return new ClusterInfo(cluster.clusterId(), spec, state, message, cluster.startTime(), 0, null, driver,
                List.of(), cluster.pinned(), cluster.clusterSource(),
                cluster.creatorUserName());
    }

    private static boolean onlyWorkersDiffer(ClusterSpec before, ClusterSpec after) {
        return before.maxWorkers() != after.maxWorkers()
                && before.withWorkers(0, null).equals(after.withWorkers(0, null));
    }

    private static void check(ClusterInfo cluster, ClusterState to) {
        if (!canMove(cluster.state(), to)) {
            throw invalid(cluster, "become " + to);
        }
    }

    private static BrickworksException invalid(ClusterInfo cluster, String what) {
        return new BrickworksException(ErrorCode.INVALID_STATE,
                "Cluster " + cluster.clusterId() + " is " + cluster.state() + " and cannot " + what);
    }
}
