package org.brickworks.clusters.api.dto;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.brickworks.runtimes.api.dto.SparkRuntime;

/**
 * What a {@link org.brickworks.clusters.api.ClusterLauncher} starts: the driver agent of one cluster.
 *
 * @param clusterId
 *            the cluster the driver belongs to
 * @param runtime
 *            the runtime: its {@link SparkRuntime#driverJvmOptions()} go to the driver JVM
 * @param classpath
 *            the agent jar followed by the runtime's closure, local files
 * @param spec
 *            the cluster's spec: Spark conf, environment variables, number of workers
 * @param directory
 *            the cluster's own folder on the platform's host, for its secret, ready file and driver log
 * @param nodeType
 *            the size of the driver and of each worker: heap and cores
 * @param platformUrl
 *            the platform's base address as drivers reach it, for their calls back and for Spark Connect's token
 *            checks; null when unknown, then Spark Connect accepts only the driver's secret
 * @param platformConf
 *            Spark configuration from the platform's {@link org.brickworks.clusters.api.DriverConfigurer}s, below the
 *            spec's own {@code spark_conf}; may hold secrets, so it never goes on a command line
 */
public record DriverLaunch(String clusterId, SparkRuntime runtime, List<Path> classpath, ClusterSpec spec,
        Path directory, NodeType nodeType, String platformUrl, Map<String, String> platformConf) {
    public DriverLaunch {
        classpath = List.copyOf(classpath);
        platformConf = Map.copyOf(platformConf);
    }
}
