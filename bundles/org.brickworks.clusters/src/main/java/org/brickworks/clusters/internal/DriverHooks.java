package org.brickworks.clusters.internal;

import java.time.Duration;
import java.util.Map;

import org.brickworks.clusters.api.DriverAgent;
import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.clusters.api.dto.DriverChannel;

/**
 * What starting and stopping drivers needs from the services around the clusters service: the platform's address and
 * Spark conf for a new driver, its initialization before RUNNING, and the agent protocol. Thread-safe.
 */
interface DriverHooks {

    /** The platform's base address as drivers reach it; null when unknown. */
    String platformUrl();

    /**
     * {@code spec} with its {@code {{secrets/<scope>/<key>}}} references resolved with the rights of the cluster's
     * creator ({@link SecretReferences}); {@code spec} itself when it has none.
     *
     * @throws DriverLaunching.StartFailure
     *             when a reference cannot be read
     */
    ClusterSpec resolveSecrets(String clusterId, ClusterSpec spec) throws DriverLaunching.StartFailure;

    /** What the driver configurers give a driver of {@code clusterId}. */
    Map<String, String> platformConf(String clusterId);

    /**
     * Runs every driver initializer on a ready driver.
     *
     * @throws RuntimeException
     *             the first initializer's failure
     */
    void initialize(DriverChannel driver);

    /**
     * The agent protocol, waiting up to {@link #serviceWait()} for its provider.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code TEMPORARILY_UNAVAILABLE} when none came in time
     */
    DriverAgent agent();

    /** The agent protocol's provider now, null when there is none. */
    DriverAgent agentNow();

    /** How long a start waits for a service being swapped, such as its node type's launcher. */
    Duration serviceWait();
}
