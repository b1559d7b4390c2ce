package org.brickworks.clusters.api;

import java.util.List;

import org.brickworks.clusters.api.dto.DriverChannel;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The way to the running clusters' drivers, for the one service that talks to them (command execution): where each
 * driver's agent listens and the secret it takes, which cluster a driver calling back is, and the clusters' activity
 * for autotermination. Nothing here talks to a driver itself. Thread-safe; answers from memory.
 */
@ProviderType
public interface DriverChannels {

    /**
     * The driver of the RUNNING cluster {@code clusterId}. Asking does not count as the cluster's activity.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code RESOURCE_DOES_NOT_EXIST} for an unknown cluster; {@code INVALID_STATE} when it is not
     *             RUNNING
     */
    DriverChannel running(String clusterId);

    /** A user's call on the cluster happened now: its autotermination counts idle time from here. */
    void touch(String clusterId);

    /**
     * The RUNNING cluster whose driver holds {@code secret} (compared in constant time): how the platform recognizes
     * a driver's call back to it, which may act on that cluster only.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code UNAUTHENTICATED} when no running cluster's driver has that secret
     */
    String clusterWithSecret(String secret);

    /** The drivers of every RUNNING cluster now, for what every driver must get (such as a new mount table). */
    List<DriverChannel> runningDrivers();
}
