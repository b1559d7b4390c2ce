package org.brickworks.agent;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the driver's one SparkSession: Delta Lake's extension and catalog on, no web UI, and defaults sized for a
 * small local driver, each overridable by the cluster's Spark conf.
 */
final class SparkSessionFactory {

    private static final Logger LOG = LoggerFactory.getLogger(SparkSessionFactory.class);

    private SparkSessionFactory() {
    }

    static SparkSession build(Map<String, String> clusterConf) {
        Map<String, String> conf = effectiveConf(clusterConf);
        long start = System.nanoTime();
        SparkSession.Builder builder = SparkSession.builder().appName("brickworks-driver");
        conf.forEach(builder::config);
        SparkSession spark = builder.getOrCreate();
        LOG.info("SparkSession {} built in {} ms (master {})", spark.version(), (System.nanoTime() - start) / 1_000_000,
                conf.get("spark.master"));
        return spark;
    }

    /** The agent's defaults overlaid with the cluster's configuration. */
    static Map<String, String> effectiveConf(Map<String, String> clusterConf) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.master", "local[2]");
        conf.put("spark.ui.enabled", "false");
        conf.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
        conf.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        // Delta's defaults (50 snapshot partitions, 200 shuffle partitions) cost seconds on 2 cores.
        conf.put("spark.sql.shuffle.partitions", "4");
        conf.put("spark.databricks.delta.snapshotPartitions", "1");
        // Spark 4 gives each classic session its own artifact set by default: a job then ships only the session's jars,
        // never the cluster libraries (SparkContext.addJar). Cluster libraries are cluster-wide, as on Databricks.
        conf.put("spark.sql.artifact.isolation.enabled", "false");
        conf.putAll(clusterConf);
        return conf;
    }
}
