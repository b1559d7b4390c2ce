package org.brickworks.clusters.standalone.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.clusters.api.dto.NodeType;

/**
 * The Spark conf that points a cluster's driver at a standalone master and sizes its executors by the cluster's node
 * type: one executor per worker, each with the node type's cores and memory.
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
     * {@code spec}'s Spark conf with the master and the executors' sizes added; keys the user set keep the user's
     * values.
     */
    static Map<String, String> sparkConf(String master, ClusterSpec spec, NodeType nodeType) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.master", master);
        conf.put("spark.driver.host", DRIVER_HOST);
        conf.put("spark.executor.cores", Integer.toString(nodeType.numCores()));
        conf.put("spark.executor.memory", nodeType.memoryMb() + "m");
        conf.put("spark.cores.max", Integer.toString(nodeType.numCores() * Math.max(1, spec.numWorkers())));
        conf.putAll(spec.sparkConf());
        return conf;
    }

    /** {@code spec} with {@code sparkConf} in place of its own. */
    static ClusterSpec withSparkConf(ClusterSpec spec, Map<String, String> sparkConf) {
        return new ClusterSpec(spec.clusterName(), spec.sparkVersion(), spec.nodeTypeId(), spec.numWorkers(),
                sparkConf, spec.sparkEnvVars(), spec.autoterminationMinutes(), spec.customTags());
    }
}
