package org.brickworks.clusters.standalone.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.brickworks.clusters.api.dto.Autoscale;
import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.clusters.api.dto.NodeType;
import org.junit.jupiter.api.Test;

class StandaloneConfTest {
    private static final NodeType MEDIUM = new NodeType("standalone-medium", 4096, 2, "medium");

    @Test
    void acceptsOneOrSeveralMastersAndTrimsThem() {
        assertThat(StandaloneConf.master(" spark://127.0.0.1:7077 ")).isEqualTo("spark://127.0.0.1:7077");
        assertThat(StandaloneConf.master("spark://m1.example.com:7077,m2.example.com:7078"))
                .isEqualTo("spark://m1.example.com:7077,m2.example.com:7078");
    }

    @Test
    void refusesWhatIsNotAStandaloneMaster() {
        for (String bad : new String[] { "", "local[2]", "spark://host", "yarn", "k8s://https://h:443",
                "spark://h:7077/x", "spark://h:7077," }) {
            assertThatThrownBy(() -> StandaloneConf.master(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("spark://host:port");
        }
        assertThatThrownBy(() -> StandaloneConf.master(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sizesExecutorsByTheNodeTypeAndCapsCoresByWorkers() {
        Map<String, String> conf = StandaloneConf.sparkConf("spark://m:7077", spec(3, Map.of()), MEDIUM);

        assertThat(conf).containsEntry("spark.master", "spark://m:7077").containsEntry("spark.driver.host", "127.0.0.1")
                .containsEntry("spark.executor.cores", "2").containsEntry("spark.executor.memory", "4096m")
                .containsEntry("spark.cores.max", "6");
    }

    @Test
    void leavesTheUsersSparkConfToBeLaidOverIt() {
        Map<String, String> conf = StandaloneConf.sparkConf("spark://m:7077",
                spec(1, Map.of("spark.executor.memory", "1g", "a.b", "c")), MEDIUM);

        assertThat(conf).containsEntry("spark.executor.memory", "4096m").doesNotContainKey("a.b");
    }

    @Test
    void turnsAnAutoscaleRangeIntoDynamicAllocation() {
        Map<String, String> conf = StandaloneConf.sparkConf("spark://m:7077",
                spec(0, Map.of()).withWorkers(0, new Autoscale(1, 3)), MEDIUM);

        assertThat(conf).containsEntry("spark.dynamicAllocation.enabled", "true")
                .containsEntry("spark.dynamicAllocation.minExecutors", "1")
                .containsEntry("spark.dynamicAllocation.maxExecutors", "3").containsEntry("spark.cores.max", "6");
    }

    private static ClusterSpec spec(int workers, Map<String, String> sparkConf) {
        return new ClusterSpec("etl", "15.4.x-scala2.12", MEDIUM.nodeTypeId(), workers, sparkConf,
                Map.of("X", "1"), 30, Map.of("team", "qa"), null, null);
    }
}
