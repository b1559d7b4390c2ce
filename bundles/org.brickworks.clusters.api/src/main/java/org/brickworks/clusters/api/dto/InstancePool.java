package org.brickworks.clusters.api.dto;

import java.util.List;

/**
 * An instance pool (the Instance Pools API): drivers started ahead of time on the pool's runtime versions and node
 * type, so a cluster created with {@code instance_pool_id} is RUNNING as soon as it takes one.
 *
 * @param instancePoolId
 *            {@code instance_pool_id}
 * @param name
 *            {@code instance_pool_name}
 * @param nodeTypeId
 *            {@code node_type_id} of every driver in the pool
 * @param minIdleInstances
 *            {@code min_idle_instances}: how many ready drivers the pool keeps waiting
 * @param maxCapacity
 *            {@code max_capacity}: most drivers the pool may have, idle and used; 0 for no limit
 * @param preloadedSparkVersions
 *            {@code preloaded_spark_versions}: idle drivers run the first; clusters on another version of the list
 *            still start from the pool, without a pre-started driver
 * @param stats
 *            {@code stats}, counted now
 */
public record InstancePool(String instancePoolId, String name, String nodeTypeId, int minIdleInstances,
        int maxCapacity, List<String> preloadedSparkVersions, Stats stats) {
    public InstancePool {
        preloadedSparkVersions = List.copyOf(preloadedSparkVersions);
    }

    /**
     * {@code stats}: drivers of the pool by what they do.
     *
     * @param idleCount
     *            {@code idle_count}: ready, waiting for a cluster
     * @param usedCount
     *            {@code used_count}: taken by clusters
     * @param pendingIdleCount
     *            {@code pending_idle_count}: starting, for the pool
     */
    public record Stats(int idleCount, int usedCount, int pendingIdleCount) {
    }
}
