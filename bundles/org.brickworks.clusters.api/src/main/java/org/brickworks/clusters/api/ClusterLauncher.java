package org.brickworks.clusters.api;

import java.util.List;

import org.brickworks.clusters.api.dto.DriverLaunch;
import org.brickworks.clusters.api.dto.LaunchedDriver;
import org.brickworks.clusters.api.dto.NodeType;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Extension point: starts cluster drivers somewhere, on node types of its own. A plugin registers this service with
 * the property {@value #TYPE_PROPERTY} naming it ({@code local}: drivers on this host with Spark {@code local[N]};
 * {@code standalone}: drivers against a Spark standalone master). The clusters service offers the union of every
 * registered launcher's {@link #nodeTypes()}, and a cluster's {@code node_type_id} picks the launcher that starts its
 * driver; the service then waits for the driver's ready file and talks to it. A launcher that starts drivers on the
 * platform's host does so through {@link DriverProcesses}, so that its drivers outlive an update of its bundle.
 * <p>
 * When a launcher goes away and none with its name comes back within the clusters service's wait, the clusters on its
 * node types are terminated. Called on the cluster service's worker threads, possibly concurrently for different
 * clusters.
 */
@ConsumerType
public interface ClusterLauncher {
    /** Service property naming the launcher, e.g. {@code local}. */
    String TYPE_PROPERTY = "brickworks.launcher";

    /**
     * The node types this launcher starts drivers on, smallest first; read when the launcher is registered. Their ids
     * are unique across launchers: a launcher offering an id another launcher has is logged and its duplicate ignored.
     */
    List<NodeType> nodeTypes();

    /**
     * Starts the driver {@code launch} describes (its {@link DriverLaunch#nodeType()} is one of {@link #nodeTypes()})
     * and returns without waiting for it to be ready.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             when the driver process cannot be started; nothing is left running
     */
    LaunchedDriver launch(DriverLaunch launch);
}
