package org.brickworks.clusters.api.dto;

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
 */
public record ClusterInfo(String clusterId, ClusterSpec spec, ClusterState state, String stateMessage, long startTime,
        long terminatedTime, TerminationReason terminationReason, DriverNode driver) {
}
