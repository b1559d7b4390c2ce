package org.brickworks.examples.acme;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.brickworks.clusters.api.ClusterLauncher;
import org.brickworks.clusters.api.DriverProcesses;
import org.brickworks.clusters.api.dto.DriverLaunch;
import org.brickworks.clusters.api.dto.LaunchedDriver;
import org.brickworks.clusters.api.dto.NodeType;
import org.brickworks.core.api.Awaiting;
import org.brickworks.runtimes.api.dto.SparkRuntime;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The launcher {@code acme}: drivers on this host with Spark {@code local[N]}, like the local launcher, on a node type
 * of its own ({@value #NODE_TYPE}) and with one more JVM option ({@value #JVM_OPTION}) on every driver's command line.
 * A cluster whose {@code node_type_id} is {@value #NODE_TYPE} is started here. The process is the clusters service's
 * ({@link DriverProcesses}), so it outlives an update of this bundle; when this bundle goes for good, the clusters on
 * its node type are terminated.
 */
@Component(property = ClusterLauncher.TYPE_PROPERTY + "=acme")
public class AcmeClusterLauncher implements ClusterLauncher {
    static final String NODE_TYPE = "acme-standard";
    static final String JVM_OPTION = "-Dacme.launcher=acme";

    private final ServiceTracker<DriverProcesses, DriverProcesses> processes;

    @Activate
    public AcmeClusterLauncher(BundleContext context) {
        processes = new ServiceTracker<>(context, DriverProcesses.class, null);
        processes.open();
    }

    @Deactivate
    void deactivate() {
        processes.close();
    }

    @Override
    public List<NodeType> nodeTypes() {
        return List.of(new NodeType(NODE_TYPE, 2048, 1, "Acme standard: 1 core, 2 GB driver heap, " + JVM_OPTION));
    }

    @Override
    public LaunchedDriver launch(DriverLaunch launch) {
        SparkRuntime runtime = launch.runtime();
        List<String> options = new ArrayList<>(runtime.driverJvmOptions());
        options.add(JVM_OPTION);
        SparkRuntime acme = new SparkRuntime(runtime.key(), runtime.name(), runtime.sparkVersion(),
                runtime.scalaVersion(), runtime.deltaVersion(), runtime.aliases(), runtime.mavenCoordinates(), options);
        DriverLaunch withOption = new DriverLaunch(launch.clusterId(), acme, launch.classpath(), launch.spec(),
                launch.directory(), launch.nodeType(), launch.platformUrl(), launch.platformConf());
        String master = "local[" + launch.nodeType().numCores() * Math.max(1, launch.spec().maxWorkers()) + "]";
        // Waits (a while) for the clusters bundle's service, as it may be being updated right now.
        return Awaiting.await(processes, "driver processes (clusters)").start(withOption, Map.of("spark.master",
                master));
    }
}
