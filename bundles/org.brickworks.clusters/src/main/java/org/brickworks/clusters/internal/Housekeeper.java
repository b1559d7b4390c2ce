package org.brickworks.clusters.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.brickworks.clusters.api.dto.ClusterInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clusters' periodic housekeeping ({@link Housekeeping}'s rules): autotermination of idle clusters, forgetting
 * long-terminated ones, refilling instance pools. A configuration change restarts it with the new interval.
 */
@Component(configurationPid = "org.brickworks.clusters", immediate = true)
public class Housekeeper {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeper.class);

    private final DriverFleet fleet;
    private final ClustersConfig config;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "brickworks-clusters-housekeeping");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public Housekeeper(@Reference DriverFleet fleet, ClustersConfig config) {
        this.fleet = fleet;
        this.config = config;
        int every = Math.max(1, config.housekeepingSeconds());
        timer.scheduleWithFixedDelay(this::housekeep, 0, every, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    /** One round; never throws. */
    void housekeep() {
        try {
            fleet.awaitAdoption();
            long now = System.currentTimeMillis();
            for (ClusterInfo cluster : fleet.records().list()) {
                if (Housekeeping.idleTooLong(cluster, fleet.activity().last(cluster.clusterId()), now)) {
                    LOG.info("Cluster {} idle for {} minutes: terminating it", cluster.clusterId(),
                            cluster.spec().autoterminationMinutes());
                    fleet.terminate(cluster.clusterId(), Housekeeping.inactivity(cluster));
                } else if (Housekeeping.expired(cluster, config.terminatedRetentionDays(), now)) {
                    LOG.info("Cluster {} terminated over {} days ago: forgetting it", cluster.clusterId(),
                            config.terminatedRetentionDays());
                    fleet.records().delete(cluster.clusterId());
                }
            }
            fleet.pools().refill();
        } catch (RuntimeException e) {
            LOG.warn("Cluster housekeeping failed; trying again next round", e);
        }
    }
}
