package org.brickworks.clusters.api;

import org.brickworks.clusters.api.dto.DriverLaunch;
import org.brickworks.clusters.api.dto.LaunchedDriver;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Extension point: starts cluster drivers somewhere. A plugin registers this service with the property
 * {@value #TYPE_PROPERTY} naming its kind ({@code local} runs the driver as a process on this host with Spark
 * {@code local[N]}). The cluster service then waits for the driver's ready file and talks to it over HTTP.
 * <p>
 * Called on the cluster service's worker threads, possibly concurrently for different clusters.
 */
@ConsumerType
public interface ClusterLauncher {
    /** Service property naming the launcher, e.g. {@code local}. */
    String TYPE_PROPERTY = "brickworks.launcher";

    /**
     * Starts the driver {@code launch} describes and returns without waiting for it to be ready.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             when the driver process cannot be started; nothing is left running
     */
    LaunchedDriver launch(DriverLaunch launch);
}
