package org.brickworks.clusters.internal;

import java.nio.file.Path;

/**
 * A driver's files in its cluster's folder on the platform's host, and the mark its process carries: what starting a
 * driver writes and adopting one reads.
 */
final class DriverFolder {
    /** The driver's output. */
    static final String DRIVER_LOG = "driver.log";
    /** The driver's secret (first line), owner-only, written fresh at each start. */
    static final String SECRET_FILE = "secret";
    /** The driver's whole Spark conf (the platform's, the launcher's, the cluster's), owner-only: it holds secrets. */
    static final String PLATFORM_CONF_FILE = "platform.conf";
    /** Where the agent announces that it serves. */
    static final String READY_FILE = "ready.json";

    private DriverFolder() {
    }

    /**
     * The first argument of every driver names its cluster's folder: the kernel shows only a command line's first
     * 4 KB to other processes, and the platform recognizes a driver left behind by this argument.
     */
    static String marker(Path clusterFolder) {
        return "-Dbrickworks.cluster.dir=" + clusterFolder;
    }
}
