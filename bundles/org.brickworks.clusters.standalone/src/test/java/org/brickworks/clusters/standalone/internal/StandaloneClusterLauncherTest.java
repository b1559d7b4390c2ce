package org.brickworks.clusters.standalone.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.brickworks.clusters.api.ClusterLauncher;
import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.clusters.api.dto.DriverLaunch;
import org.brickworks.clusters.api.dto.LaunchedDriver;
import org.brickworks.clusters.api.dto.NodeType;
import org.brickworks.runtimes.api.dto.SparkRuntime;
import org.junit.jupiter.api.Test;

class StandaloneClusterLauncherTest {
    private static final SparkRuntime RUNTIME = new SparkRuntime("15.4.x-scala2.12", "15.4 LTS", "3.5.7", "2.12",
            "3.3.2", List.of(), List.of("org.apache.spark:spark-sql_2.12:3.5.7"), List.of());
    private static final NodeType SMALL = new NodeType("local-small", 2048, 1, "small");
    private static final LaunchedDriver STARTED = new LaunchedDriver(42, "127.0.0.1", Path.of("/data/c1/ready.json"),
            Path.of("/data/c1/secret"));

    private final List<DriverLaunch> delegated = new ArrayList<>();
    private final ClusterLauncher local = launch -> {
        delegated.add(launch);
        return STARTED;
    };

    @Test
    void startsTheDriverLocallyAgainstTheMaster() {
        StandaloneClusterLauncher launcher = new StandaloneClusterLauncher(local,
                new TestLauncherConfig("spark://127.0.0.1:7077"));
        DriverLaunch launch = launch(Map.of("spark.sql.shuffle.partitions", "2"));

        assertThat(launcher.launch(launch)).isEqualTo(STARTED);

        DriverLaunch passed = delegated.get(0);
        assertThat(passed.spec().sparkConf()).containsEntry("spark.master", "spark://127.0.0.1:7077")
                .containsEntry("spark.cores.max", "2").containsEntry("spark.executor.memory", "2048m")
                .containsEntry("spark.sql.shuffle.partitions", "2");
        assertThat(passed.spec().sparkEnvVars()).isEqualTo(launch.spec().sparkEnvVars());
        assertThat(passed.spec().numWorkers()).isEqualTo(2);
        assertThat(List.of(passed.clusterId(), passed.runtime(), passed.classpath(), passed.directory(),
                passed.nodeType())).isEqualTo(List.of(launch.clusterId(), launch.runtime(), launch.classpath(),
                        launch.directory(), launch.nodeType()));
    }

    @Test
    void aChangedMasterAppliesToTheNextDriver() {
        StandaloneClusterLauncher launcher = new StandaloneClusterLauncher(local,
                new TestLauncherConfig("spark://127.0.0.1:7077"));

        launcher.modified(new TestLauncherConfig("spark://10.0.0.5:7077"));
        launcher.launch(launch(Map.of()));

        assertThat(launcher.master()).isEqualTo("spark://10.0.0.5:7077");
        assertThat(delegated.get(0).spec().sparkConf()).containsEntry("spark.master", "spark://10.0.0.5:7077");
    }

    @Test
    void refusesAnInvalidMasterAndKeepsTheOldOne() {
        assertThatThrownBy(() -> new StandaloneClusterLauncher(local, new TestLauncherConfig("local[4]")))
                .isInstanceOf(IllegalArgumentException.class);
        StandaloneClusterLauncher launcher = new StandaloneClusterLauncher(local,
                new TestLauncherConfig("spark://127.0.0.1:7077"));

        assertThatThrownBy(() -> launcher.modified(new TestLauncherConfig("127.0.0.1:7077")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(launcher.master()).isEqualTo("spark://127.0.0.1:7077");
    }

    private static DriverLaunch launch(Map<String, String> sparkConf) {
        ClusterSpec spec = new ClusterSpec("etl", RUNTIME.key(), SMALL.nodeTypeId(), 2, sparkConf, Map.of("X", "1"),
                0, Map.of(), null, null);
        return new DriverLaunch("c1", RUNTIME, List.of(Path.of("agent.jar")), spec, Path.of("/data/c1"), SMALL,
                null, Map.of());
    }
}
