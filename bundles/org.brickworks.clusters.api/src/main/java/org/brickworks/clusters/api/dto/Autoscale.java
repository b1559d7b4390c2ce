package org.brickworks.clusters.api.dto;

/**
 * The Clusters API's {@code autoscale}: the cluster runs between {@code min_workers} and {@code max_workers} workers
 * as its load asks (Spark dynamic allocation where the launcher has real workers).
 *
 * @param minWorkers
 *            {@code min_workers}, 0 or more
 * @param maxWorkers
 *            {@code max_workers}, at least {@code min_workers}
 */
public record Autoscale(int minWorkers, int maxWorkers) {
}
