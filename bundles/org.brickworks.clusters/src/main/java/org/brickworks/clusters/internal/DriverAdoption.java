package org.brickworks.clusters.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.brickworks.clusters.api.DriverAgent;
import org.brickworks.clusters.api.dto.AgentEndpoint;
import org.brickworks.clusters.api.dto.ClusterInfo;
import org.brickworks.clusters.api.dto.ClusterState;
import org.brickworks.clusters.api.dto.DriverNode;
import org.brickworks.clusters.api.dto.LaunchedDriver;
import org.brickworks.clusters.api.dto.TerminationReason;
import org.brickworks.core.api.BrickworksException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a starting clusters service does with the clusters the store says are not terminated: a RUNNING cluster whose
 * driver process is still there and answers its health check with its secret is adopted; every other one is
 * terminated, its driver process (recognized by the cluster folder on its command line, so a reused pid is never
 * touched) stopped.
 */
final class DriverAdoption {
    private static final Logger LOG = LoggerFactory.getLogger(DriverAdoption.class);

    private final ClusterRecords records;
    private final DriverRunner runner;
    private final Path clustersFolder;
    private final Supplier<DriverAgent> agent;

    /** {@code agent}: the agent protocol, waiting for its provider (asked only when a driver may be adopted). */
    DriverAdoption(ClusterRecords records, DriverRunner runner, Path clustersFolder, Supplier<DriverAgent> agent) {
        this.records = records;
        this.runner = runner;
        this.clustersFolder = clustersFolder;
        this.agent = agent;
    }

    /** Adopts or terminates {@code clusters}, the store's clusters when this service started. */
    void adoptOrTerminate(List<ClusterInfo> clusters, TerminationReason reason) {
        for (ClusterInfo cluster : clusters) {
            if (cluster.state() == ClusterState.TERMINATED) {
                continue;
            }
            Optional<Driver> driver = process(cluster).map(p -> driver(cluster, p));
            if (cluster.state() == ClusterState.RUNNING && driver.isPresent() && healthy(driver.get())) {
                runner.adopt(cluster.clusterId(), driver.get());
                records.event(cluster.clusterId(), "DRIVER_HEALTHY",
                        "Driver process " + cluster.driver().pid() + " adopted by the clusters service");
                LOG.info("Cluster {}: adopted its running driver, process {}", cluster.clusterId(),
                        cluster.driver().pid());
                continue;
            }
            driver.ifPresent(d -> {
                LOG.warn("Stopping driver process {} left behind by cluster {}", d.process().pid(),
                        cluster.clusterId());
                d.process().destroy();
            });
            records.move(cluster.clusterId(), c -> ClusterLifecycle.canMove(c.state(), ClusterState.TERMINATED)
                    ? ClusterLifecycle.terminated(c, reason, System.currentTimeMillis()) : null, "TERMINATED",
                    reason.message());
        }
    }

    private Optional<ProcessHandle> process(ClusterInfo cluster) {
        String marker = DriverFolder.marker(clustersFolder.resolve(cluster.clusterId()));
        return cluster.driver() == null ? Optional.empty()
                : ProcessHandle.of(cluster.driver().pid())
                        .filter(p -> p.info().commandLine().map(line -> line.contains(marker)).orElse(false));
    }

    private Driver driver(ClusterInfo cluster, ProcessHandle process) {
        Path folder = clustersFolder.resolve(cluster.clusterId());
        DriverNode node = cluster.driver();
        Driver driver = new Driver(cluster.clusterId(), process, new LaunchedDriver(node.pid(), node.host(),
                folder.resolve(DriverFolder.READY_FILE), folder.resolve(DriverFolder.SECRET_FILE)));
        driver.ready(new AgentEndpoint(node.port(), node.connectPort()));
        return driver;
    }

    private boolean healthy(Driver driver) {
        try {
            return agent.get().healthy(driver.channel());
        } catch (IOException | BrickworksException e) {
            LOG.warn("Cannot check the driver of cluster {}: {}", driver.clusterId(), e.getMessage());
            return false;
        }
    }
}
