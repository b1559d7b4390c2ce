package org.brickworks.clusters.api.dto;

/**
 * One Spark executor of a running cluster, as the Clusters API's {@code executors} lists them.
 *
 * @param executorId
 *            Spark's executor id, e.g. {@code 0}
 * @param host
 *            the address of the worker it runs on
 * @param cores
 *            its task slots
 * @param startTime
 *            when it joined the cluster, epoch milliseconds
 */
public record ExecutorNode(String executorId, String host, int cores, long startTime) {
}
