package org.brickworks.clusters.api.dto;

/**
 * Something that happened to a cluster (the Clusters API's {@code events}).
 *
 * @param clusterId
 *            {@code cluster_id}
 * @param timestamp
 *            epoch milliseconds
 * @param type
 *            e.g. {@code CREATING}, {@code STARTING}, {@code RUNNING}, {@code TERMINATING}, {@code TERMINATED}
 * @param message
 *            details for people, empty when the type says it all
 */
public record ClusterEvent(String clusterId, long timestamp, String type, String message) {
}
