package org.brickworks.clusters.api.dto;

/**
 * A size of cluster node, as the Clusters API's {@code list-node-types} lists it and {@code node_type_id} names it:
 * what the driver (and each worker) of a cluster gets.
 *
 * @param nodeTypeId
 *            {@code node_type_id}, e.g. {@code local-small}
 * @param memoryMb
 *            {@code memory_mb}: the node's JVM heap
 * @param numCores
 *            {@code num_cores}: the node's Spark task slots
 * @param description
 *            {@code description}, shown to users
 */
public record NodeType(String nodeTypeId, int memoryMb, int numCores, String description) {
}
