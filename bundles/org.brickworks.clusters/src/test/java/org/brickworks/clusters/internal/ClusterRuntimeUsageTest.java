package org.brickworks.clusters.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.brickworks.clusters.api.dto.ClusterInfo;
import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.clusters.api.dto.TerminationReason;
import org.brickworks.runtimes.api.dto.SparkRuntime;
import org.junit.jupiter.api.Test;

class ClusterRuntimeUsageTest {
    private static final SparkRuntime SPARK35 = new SparkRuntime("15.4.x-scala2.12",
            "15.4 LTS (includes Apache Spark 3.5.7, Scala 2.12)", "3.5.7", "2.12", "3.3.2",
            List.of("14.3.x-scala2.12"), List.of(), List.of());

    @Test
    void namesClustersNotTerminatedOnTheRuntimeByKeyOrAlias() {
        ClusterInfo byKey = ClusterLifecycle.pending("c1", ClusterSpec.of("etl", "15.4.x-scala2.12"), 0);
        ClusterInfo byAlias = ClusterLifecycle.pending("c2", ClusterSpec.of("bi", "14.3.x-scala2.12"), 0);
        ClusterInfo other = ClusterLifecycle.pending("c3", ClusterSpec.of("ml", "17.3.x-scala2.13"), 0);
        ClusterInfo ended = ClusterLifecycle.terminated(ClusterLifecycle.pending("c4",
                ClusterSpec.of("old", "15.4.x-scala2.12"), 0), new TerminationReason("USER_REQUEST", "SUCCESS", ""), 1);

        assertThat(ClusterRuntimeUsage.users(List.of(byKey, byAlias, other, ended), SPARK35))
                .containsExactly("cluster c1 (etl, PENDING)", "cluster c2 (bi, PENDING)");
    }
}
