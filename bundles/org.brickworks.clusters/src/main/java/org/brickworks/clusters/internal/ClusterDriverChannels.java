package org.brickworks.clusters.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.brickworks.clusters.api.DriverChannels;
import org.brickworks.clusters.api.dto.ClusterState;
import org.brickworks.clusters.api.dto.DriverChannel;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DriverChannels} from the {@link DriverFleet}'s memory: the clusters' committed states and the drivers this
 * service runs or adopted.
 */
@Component(service = DriverChannels.class)
public class ClusterDriverChannels implements DriverChannels {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterDriverChannels.class);

    private final DriverFleet fleet;

    @Activate
    public ClusterDriverChannels(@Reference DriverFleet fleet) {
        this.fleet = fleet;
    }

    @Override
    public DriverChannel running(String clusterId) {
        ClusterState state = fleet.records().state(clusterId)
                .orElseThrow(() -> BrickworksException.notFound("Cluster " + clusterId + " does not exist"));
        if (state != ClusterState.RUNNING) {
            throw notRunning(clusterId, state);
        }
        fleet.awaitAdoption();
        Driver driver = fleet.runner().driver(clusterId)
                .orElseThrow(() -> notRunning(clusterId, ClusterState.TERMINATING));
        try {
            return driver.channel();
        } catch (IOException e) {
            throw new BrickworksException(ErrorCode.TEMPORARILY_UNAVAILABLE,
                    "Cannot read the secret of cluster " + clusterId + "'s driver: " + e.getMessage(), e);
        }
    }

    @Override
    public void touch(String clusterId) {
        fleet.activity().touch(clusterId);
    }

    @Override
    public String clusterWithSecret(String secret) {
        String clusterId = secret == null || secret.isBlank() ? null
                : fleet.runner().clusterWithSecret(secret).orElse(null);
        if (clusterId == null || fleet.records().state(clusterId).orElse(null) != ClusterState.RUNNING) {
            throw BrickworksException.unauthenticated("The token is not the secret of a running cluster's driver");
        }
        return clusterId;
    }

    @Override
    public List<DriverChannel> runningDrivers() {
        fleet.awaitAdoption();
        List<DriverChannel> running = new ArrayList<>();
        for (Driver driver : fleet.runner().drivers()) {
            if (fleet.records().state(driver.clusterId()).orElse(null) == ClusterState.RUNNING) {
                try {
                    running.add(driver.channel());
                } catch (IOException e) {
                    LOG.debug("Cannot read the secret of cluster {}'s driver: {}", driver.clusterId(), e.toString());
                }
            }
        }
        return running;
    }

    private static BrickworksException notRunning(String clusterId, ClusterState state) {
        return new BrickworksException(ErrorCode.INVALID_STATE,
                "Cluster " + clusterId + " is " + state + ", not RUNNING: commands need a running cluster");
    }
}
