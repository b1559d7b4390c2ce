package org.brickworks.clusters.standalone.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.clusters.api.dto.NodeType;

/**
 * The Spark conf that points a cluster's driver at a standalone master and sizes its executors by the cluster's node
 * type: one executor per worker, each with the node type's cores and memory; an {@code autoscale} range becomes
 * Spark's dynamic allocation between its minimum and maximum executors.
 */
final class StandaloneConf {
    /** Where executors reach the driver: the driver runs on this host and binds to loopback. */
    static final String DRIVER_HOST = "127.0.0.1";
    private static final Pattern MASTER = Pattern
            .compile("spark://[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}(,[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5})*");

    private StandaloneConf() {
    }

    /**
     * The master URL, checked.
     *
     * @throws IllegalArgumentException
     *             naming the expected form when {@code master} is not {@code spark://host:port[,host:port]...}
     */
    static String master(String master) {
        String trimmed = master == null ? "" : master.strip();
        if (!MASTER.matcher(trimmed).matches()) {
            throw new IllegalArgumentException(
                    "master must be spark://host:port (or spark://host1:port1,host2:port2), not '" + master + "'");
        }
        return trimmed;
    }

    /**
     * The master and the executors' sizes for {@code spec}, below the spec's own Spark conf (which
     * {@link org.brickworks.clusters.api.DriverProcesses} lays over it).
     */
    static Map<String, String> sparkConf(String master, ClusterSpec spec, NodeType nodeType) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.master", master);
        conf.put("spark.driver.host", DRIVER_HOST);
        conf.put("spark.executor.cores", Integer.toString(nodeType.numCores()));
        conf.put("spark.executor.memory", nodeType.memoryMb() + "m");
        conf.put("spark.cores.max", Integer.toString(nodeType.numCores() * Math.max(1, spec.maxWorkers())));
        if (spec.autoscale() != null) {
            // Autoscaling is Spark's dynamic allocation; shuffle tracking stands in for an external shuffle service.
            conf.put("spark.dynamicAllocation.enabled", "true");
            conf.put("spark.dynamicAllocation.shuffleTracking.enabled", "true");
            conf.put("spark.dynamicAllocation.minExecutors", Integer.toString(spec.autoscale().minWorkers()));
            conf.put("spark.dynamicAllocation.initialExecutors", Integer.toString(spec.autoscale().minWorkers()));
            conf.put("spark.dynamicAllocation.maxExecutors", Integer.toString(spec.autoscale().maxWorkers()));
        }
        return conf;
    }
}
