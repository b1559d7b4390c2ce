package org.brickworks.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SparkSessionFactoryTest {

    @Test
    void defaultsToASmallLocalDriverWithDelta() {
        Map<String, String> conf = SparkSessionFactory.effectiveConf(Map.of());

        assertThat(conf).containsEntry("spark.master", "local[2]").containsEntry("spark.ui.enabled", "false")
                .containsEntry("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .containsEntry("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .containsEntry("spark.databricks.delta.snapshotPartitions", "1")
                .containsEntry("spark.sql.artifact.isolation.enabled", "false");
    }

    @Test
    void clusterConfigurationWins() {
        Map<String, String> conf = SparkSessionFactory
                .effectiveConf(Map.of("spark.master", "spark://127.0.0.1:7077", "spark.ui.enabled", "true"));

        assertThat(conf).containsEntry("spark.master", "spark://127.0.0.1:7077").containsEntry("spark.ui.enabled",
                "true");
    }
}
