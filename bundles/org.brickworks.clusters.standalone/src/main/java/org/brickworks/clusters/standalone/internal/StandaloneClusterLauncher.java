package org.brickworks.clusters.standalone.internal;

import java.util.List;
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
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a cluster's driver against a Spark standalone master (Spark's client mode) on its own node types
 * ({@code standalone-small}, {@code standalone-medium}, {@code standalone-large}): the driver process starts on this
 * host through {@link DriverProcesses}, with the master and the executors' sizes in its Spark conf, so its executors
 * run on the master's workers. Each executor gets the node type's cores and memory, and the application at most
 * cores &times; {@code num_workers} cores. Spark conf keys the cluster's spec sets win.
 * <p>
 * Registered, with its node types, only while configured (PID {@value #PID}, {@code master}); a new master applies to
 * drivers started after the change. Thread-safe.
 */
@Component(configurationPid = StandaloneClusterLauncher.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = ClusterLauncher.TYPE_PROPERTY + "=standalone")
@Designate(ocd = StandaloneLauncherConfig.class)
public class StandaloneClusterLauncher implements ClusterLauncher {
    /** The Configuration Admin PID, also the name of its file in {@code etc/}. */
    public static final String PID = "org.brickworks.clusters.standalone";
    static final List<NodeType> NODE_TYPES = List.of(
            new NodeType("standalone-small", 2048, 1, "Standalone small: 1 core, 2 GB per executor and driver"),
            new NodeType("standalone-medium", 4096, 2, "Standalone medium: 2 cores, 4 GB per executor and driver"),
            new NodeType("standalone-large", 8192, 4, "Standalone large: 4 cores, 8 GB per executor and driver"));
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneClusterLauncher.class);

    private final ServiceTracker<DriverProcesses, DriverProcesses> tracker;
    private final Supplier<DriverProcesses> processes;
    private volatile String master;

    @Activate
    public StandaloneClusterLauncher(BundleContext context, StandaloneLauncherConfig config) {
        this.master = StandaloneConf.master(config.master());
        this.tracker = new ServiceTracker<>(context, DriverProcesses.class, null);
        tracker.open();
        this.processes = () -> Awaiting.await(tracker, "driver processes (clusters)");
        LOG.info("Spark standalone launcher on {}", master);
    }

    /** Without OSGi: {@code processes} starts the drivers. */
    StandaloneClusterLauncher(Supplier<DriverProcesses> processes, StandaloneLauncherConfig config) {
        this.master = StandaloneConf.master(config.master());
        this.tracker = null;
        this.processes = processes;
    }

    @Modified
    void modified(StandaloneLauncherConfig config) {
        master = StandaloneConf.master(config.master());
        LOG.info("Spark standalone launcher now on {}", master);
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    /** The master drivers are started against. */
    String master() {
        return master;
    }

    @Override
    public List<NodeType> nodeTypes() {
        return NODE_TYPES;
    }

    @Override
    public LaunchedDriver launch(DriverLaunch launch) {
        String current = master;
        LOG.debug("Driver of cluster {} on {}", launch.clusterId(), current);
        return processes.get().start(launch, StandaloneConf.sparkConf(current, launch.spec(), launch.nodeType()));
    }
}
