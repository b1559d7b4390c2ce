package org.brickworks.clusters.internal;

import org.brickworks.clusters.api.dto.ClusterInfo;
import org.brickworks.clusters.api.dto.ClusterState;
import org.brickworks.clusters.api.dto.TerminationReason;

/** The rules of the clusters' periodic housekeeping: when a cluster is idle too long, and when it is forgotten. */
final class Housekeeping {
    private static final long MINUTE = 60_000;
    private static final long DAY = 24 * 60 * MINUTE;

    private Housekeeping() {
    }

    /**
     * Whether a RUNNING cluster with {@code autotermination_minutes} has been idle that long: no command call since
     * {@code lastActivity} (null: none since its driver started).
     */
    static boolean idleTooLong(ClusterInfo cluster, Long lastActivity, long now) {
        int minutes = cluster.spec().autoterminationMinutes();
        if (cluster.state() != ClusterState.RUNNING || minutes <= 0 || cluster.driver() == null) {
            return false;
        }
        long since = Math.max(cluster.driver().startTime(), lastActivity == null ? 0 : lastActivity);
        return now - since >= minutes * MINUTE;
    }

    /** Databricks' reason for an autotermination. */
    static TerminationReason inactivity(ClusterInfo cluster) {
        return new TerminationReason("INACTIVITY", "SUCCESS", "Inactive cluster terminated (inactive for "
                + cluster.spec().autoterminationMinutes() + " minutes)");
    }

    /** Whether an unpinned cluster terminated more than {@code retentionDays} ago (0: kept forever). */
    static boolean expired(ClusterInfo cluster, int retentionDays, long now) {
        return cluster.state() == ClusterState.TERMINATED && !cluster.pinned() && retentionDays > 0
                && cluster.terminatedTime() > 0 && now - cluster.terminatedTime() > retentionDays * DAY;
    }
}
