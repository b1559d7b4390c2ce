package org.brickworks.clusters.api.dto;

import java.util.List;

/**
 * A cluster as the Clusters API's {@code get} shows it.
 *
 * @param clusterId
 *            {@code cluster_id}
 * @param spec
 *            what the cluster was created with
 * @param state
 *            {@code state}
 * @param stateMessage
 *            {@code state_message}: what is happening or went wrong, empty when nothing is to say
 * @param startTime
 *            {@code start_time}, epoch milliseconds
 * @param terminatedTime
 *            {@code terminated_time}, epoch milliseconds, 0 while not terminated
 * @param terminationReason
 *            {@code termination_reason}, null while not terminated
 * @param driver
 *            {@code driver}, null while no driver is running
 * @param executors
 *            {@code executors}: the Spark executors on workers, empty for a single-node cluster or when not running
 * @param pinned
 *            whether a user pinned the cluster: it stays listed however long ago it terminated
 * @param clusterSource
 *            {@code cluster_source}: {@link #API}, or {@link #JOB} for a job cluster
 * @param creatorUserName
 *            {@code creator_user_name}: who created it (it owns the cluster), null when the platform did
 */
public record ClusterInfo(String clusterId, ClusterSpec spec, ClusterState state, String stateMessage, long startTime,
        long terminatedTime, TerminationReason terminationReason, DriverNode driver, List<ExecutorNode> executors,
        boolean pinned, String clusterSource, String creatorUserName) {
    /** Databricks' {@code cluster_source} of a cluster created through the Clusters API. */
    public static final String API = "API";
    /** Databricks' {@code cluster_source} of a job cluster, created for a job run and terminated after it. */
    public static final String JOB = "JOB";

    public ClusterInfo {
        executors = List.copyOf(executors);
        clusterSource = clusterSource == null ? API : clusterSource;
    }

    /** A cluster no user created. */
    public ClusterInfo(String clusterId, ClusterSpec spec, ClusterState state, String stateMessage, long startTime,
            long terminatedTime, TerminationReason terminationReason, DriverNode driver, List<ExecutorNode> executors,
            boolean pinned, String clusterSource) {
        this(clusterId, spec, state, stateMessage, startTime, terminatedTime, terminationReason, driver, executors,
                pinned, clusterSource, null);
    }

    /** A cluster created through the Clusters API. */
    public ClusterInfo(String clusterId, ClusterSpec spec, ClusterState state, String stateMessage, long startTime,
            long terminatedTime, TerminationReason terminationReason, DriverNode driver, List<ExecutorNode> executors,
            boolean pinned) {
        this(clusterId, spec, state, stateMessage, startTime, terminatedTime, terminationReason, driver, executors,
                pinned, API);
    }

    /** This cluster with {@code executors} as its executors. */
    public ClusterInfo withExecutors(List<ExecutorNode> nodes) {
        return new ClusterInfo(clusterId, spec, state, stateMessage, startTime, terminatedTime, terminationReason,
                driver, nodes, pinned, clusterSource, creatorUserName);
    }
}
