package org.brickworks.clusters.api;

import org.brickworks.clusters.api.dto.DriverChannel;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: gives a new driver the platform's state it needs before its cluster turns RUNNING, such as the DBFS
 * mount table and the jars of plugin cell languages. The clusters service calls every registered initializer once the
 * driver is ready and before the cluster is RUNNING (also when a cluster takes a pool's pre-started driver), on its
 * own worker thread; an initializer returns within seconds.
 */
@ConsumerType
public interface DriverInitializer {

    /**
     * Initializes the ready driver {@code driver}.
     *
     * @throws RuntimeException
     *             when the driver cannot be given what it needs: the start fails, the driver is stopped and the cluster
     *             terminates with the exception's message as the reason
     */
    void initialize(DriverChannel driver);
}
