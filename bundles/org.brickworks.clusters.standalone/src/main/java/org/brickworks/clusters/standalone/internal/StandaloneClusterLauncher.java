package org.brickworks.clusters.standalone.internal;

import org.brickworks.clusters.api.ClusterLauncher;
import org.brickworks.clusters.api.dto.DriverLaunch;
import org.brickworks.clusters.api.dto.LaunchedDriver;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a cluster's driver against a Spark standalone master (Spark's client mode): the driver process starts on this
 * host exactly as the {@code local} launcher starts it, with the master and the executors' sizes added to its Spark
 * conf, so its executors run on the master's workers. Each executor gets the node type's cores and memory, and the
 * application at most cores &times; {@code num_workers} cores. Spark conf keys the cluster's spec sets win.
 * <p>
 * Registered only while configured (PID {@value #PID}, {@code master}); a new master applies to drivers started after
 * the change. Thread-safe.
 */
@Component(configurationPid = StandaloneClusterLauncher.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = ClusterLauncher.TYPE_PROPERTY + "=standalone")
@Designate(ocd = StandaloneLauncherConfig.class)
public class StandaloneClusterLauncher implements ClusterLauncher {
    /** The Configuration Admin PID, also the name of its file in {@code etc/}. */
    public static final String PID = "org.brickworks.clusters.standalone";
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneClusterLauncher.class);

    private final ClusterLauncher local;
    private volatile String master;

    @Activate
    public StandaloneClusterLauncher(
            @Reference(target = "(" + ClusterLauncher.TYPE_PROPERTY + "=local)") ClusterLauncher local,
            StandaloneLauncherConfig config) {
        this.local = local;
        this.master = StandaloneConf.master(config.master());
        LOG.info("Spark standalone launcher on {}", master);
    }

    @Modified
    void modified(StandaloneLauncherConfig config) {
        master = StandaloneConf.master(config.master());
        LOG.info("Spark standalone launcher now on {}", master);
    }

    /** The master drivers are started against. */
    String master() {
        return master;
    }

    @Override
    public LaunchedDriver launch(DriverLaunch launch) {
        String current = master;
        LOG.debug("Driver of cluster {} on {}", launch.clusterId(), current);
        return local.launch(launch
                .withSpec(launch.spec().withSparkConf(StandaloneConf.sparkConf(current, launch.spec(), launch.nodeType()))));
    }
}
