package org.brickworks.clusters.api;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: a service that adds Spark configuration to every driver the platform starts, such as the shared
 * catalog's metastore connection or DBFS. The clusters service asks every registered configurer at each driver start
 * and hands the merged answers to the launcher as {@link org.brickworks.clusters.api.dto.DriverLaunch#platformConf()};
 * a cluster's own {@code spark_conf} wins over them. Values may be secrets: they reach the driver in a file only the
 * platform's user can read ({@link DriverProcesses}), never on a command line, and nothing logs them.
 */
@ConsumerType
public interface DriverConfigurer {

    /**
     * The Spark configuration for a driver of {@code clusterId}, read once at its start.
     *
     * @throws RuntimeException
     *             when the configuration cannot be given now; the driver does not start and the cluster's events say
     *             why
     */
    Map<String, String> sparkConf(String clusterId);
}
