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
 *            the cluster's own folder, for its secret, ready file and driver log
 * @param nodeType
 *            the size of the driver and of each worker: heap and cores
 * @param connectAuthUrl
 *            where the driver's Spark Connect endpoint checks a client's token: an HTTP GET with the token as bearer
 *            that answers 200 for a valid one (the platform's SCIM {@code Me}); null when the platform's address is
 *            unknown, then only the driver's secret is accepted
 */
public record DriverLaunch(String clusterId, SparkRuntime runtime, List<Path> classpath, ClusterSpec spec,
        Path directory, NodeType nodeType, String connectAuthUrl) {
    public DriverLaunch {
        classpath = List.copyOf(classpath);
    }
}
