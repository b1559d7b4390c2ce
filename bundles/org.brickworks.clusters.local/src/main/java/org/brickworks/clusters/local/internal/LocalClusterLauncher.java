package org.brickworks.clusters.local.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.brickworks.clusters.api.ClusterLauncher;
import org.brickworks.clusters.api.DriverProcesses;
import org.brickworks.clusters.api.dto.DriverLaunch;
import org.brickworks.clusters.api.dto.LaunchedDriver;
import org.brickworks.clusters.api.dto.NodeType;
import org.brickworks.core.api.Awaiting;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Runs a cluster's driver on this host with Spark {@code local[N]}, sized by its node type ({@code local-small},
 * {@code local-medium}, {@code local-large}): the node type's memory is the driver's heap, and N is its cores times
 * the number of workers (one node for a single-node cluster). The process is the clusters service's
 * ({@link DriverProcesses}), so it outlives an update of this bundle.
 */
@Component(property = ClusterLauncher.TYPE_PROPERTY + "=local")
public class LocalClusterLauncher implements ClusterLauncher {
    static final List<NodeType> NODE_TYPES = List.of(
            new NodeType("local-small", 2048, 1, "Local small: 1 core, 2 GB driver heap"),
            new NodeType("local-medium", 4096, 2, "Local medium: 2 cores, 4 GB driver heap"),
            new NodeType("local-large", 8192, 4, "Local large: 4 cores, 8 GB driver heap"));

    private final ServiceTracker<DriverProcesses, DriverProcesses> tracker;
    private final Supplier<DriverProcesses> processes;

    @Activate
    public LocalClusterLauncher(BundleContext context) {
        this.tracker = new ServiceTracker<>(context, DriverProcesses.class, null);
        tracker.open();
        this.processes = () -> Awaiting.await(tracker, "driver processes (clusters)");
    }

    /** Without OSGi: {@code processes} starts the drivers. */
    LocalClusterLauncher(Supplier<DriverProcesses> processes) {
        this.tracker = null;
        this.processes = processes;
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    @Override
    public List<NodeType> nodeTypes() {
        return NODE_TYPES;
    }

    @Override
    public LaunchedDriver launch(DriverLaunch launch) {
        return processes.get().start(launch, Map.of("spark.master", master(launch)));
    }

    static String master(DriverLaunch launch) {
        return "local[" + launch.nodeType().numCores() * Math.max(1, launch.spec().maxWorkers()) + "]";
    }
}
