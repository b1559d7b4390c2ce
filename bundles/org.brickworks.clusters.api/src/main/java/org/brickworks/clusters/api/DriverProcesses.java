package org.brickworks.clusters.api;

import java.util.Map;

import org.brickworks.clusters.api.dto.DriverLaunch;
import org.brickworks.clusters.api.dto.LaunchedDriver;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Starts driver agents as processes on the platform's host, for {@link ClusterLauncher}s whose drivers run here: the
 * clusters service owns these processes, so they outlive an update of the launcher's bundle and are adopted again
 * after an update of the clusters bundle. Thread-safe.
 */
@ProviderType
public interface DriverProcesses {

    /**
     * Starts the driver of {@code launch} in {@link DriverLaunch#directory()} and returns without waiting for it to be
     * ready: a JVM with the node type's memory as heap, the runtime's JVM options and the classpath, its output
     * appended to the cluster's driver log. Its Spark conf is the launch's platform conf, then {@code launcherConf}
     * (such as {@code spark.master}), then the spec's own {@code spark_conf}, each winning over the one before, all
     * passed in a file only the platform's user reads (never on the command line, where any local user could read
     * storage keys).
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             when the process cannot be started; nothing is left running
     */
    LaunchedDriver start(DriverLaunch launch, Map<String, String> launcherConf);
}
