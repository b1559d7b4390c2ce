package org.brickworks.clusters.standalone.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.brickworks.clusters.api.DriverProcesses;
import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.clusters.api.dto.DriverLaunch;
import org.brickworks.clusters.api.dto.LaunchedDriver;
import org.brickworks.clusters.api.dto.NodeType;
import org.brickworks.runtimes.api.dto.SparkRuntime;
import org.junit.jupiter.api.Test;

class StandaloneClusterLauncherTest {
    private static final SparkRuntime RUNTIME = new SparkRuntime("15.4.x-scala2.12", "15.4 LTS", "3.5.7", "2.12",
            "3.3.2", List.of(), List.of("org.apache.spark:spark-sql_2.12:3.5.7"), List.of());
    private static final NodeType SMALL = StandaloneClusterLauncher.NODE_TYPES.get(0);
    private static final LaunchedDriver STARTED = new LaunchedDriver(42, "127.0.0.1", Path.of("/data/c1/ready.json"),
            Path.of("/data/c1/secret"));

    private final List<DriverLaunch> launches = new ArrayList<>();
    private final List<Map<String, String>> confs = new ArrayList<>();
    private final DriverProcesses processes = (launch, conf) -> {
        launches.add(launch);
        confs.add(conf);
        return STARTED;
    };

    @Test
    void offersItsOwnNodeTypes() {
        assertThat(launcher("spark://127.0.0.1:7077").nodeTypes()).extracting(NodeType::nodeTypeId)
                .containsExactly("standalone-small", "standalone-medium", "standalone-large");
    }

    @Test
    void startsTheDriverOnThisHostAgainstTheMaster() {
        DriverLaunch launch = launch(Map.of("spark.sql.shuffle.partitions", "2"));

        assertThat(launcher("spark://127.0.0.1:7077").launch(launch)).isEqualTo(STARTED);

        assertThat(launches).containsExactly(launch);
        assertThat(confs.get(0)).containsEntry("spark.master", "spark://127.0.0.1:7077")
                .containsEntry("spark.cores.max", "2").containsEntry("spark.executor.memory", "2048m");
    }

    @Test
    void aChangedMasterAppliesToTheNextDriver() {
        StandaloneClusterLauncher launcher = launcher("spark://127.0.0.1:7077");

        launcher.modified(new TestLauncherConfig("spark://10.0.0.5:7077"));
        launcher.launch(launch(Map.of()));

        assertThat(launcher.master()).isEqualTo("spark://10.0.0.5:7077");
        assertThat(confs.get(0)).containsEntry("spark.master", "spark://10.0.0.5:7077");
    }

    @Test
    void refusesAnInvalidMasterAndKeepsTheOldOne() {
        assertThatThrownBy(() -> launcher("local[4]")).isInstanceOf(IllegalArgumentException.class);
        StandaloneClusterLauncher launcher = launcher("spark://127.0.0.1:7077");

        assertThatThrownBy(() -> launcher.modified(new TestLauncherConfig("127.0.0.1:7077")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(launcher.master()).isEqualTo("spark://127.0.0.1:7077");
    }

    private StandaloneClusterLauncher launcher(String master) {
        return new StandaloneClusterLauncher(() -> processes, new TestLauncherConfig(master));
    }

    private static DriverLaunch launch(Map<String, String> sparkConf) {
        ClusterSpec spec = new ClusterSpec("etl", RUNTIME.key(), SMALL.nodeTypeId(), 2, sparkConf, Map.of("X", "1"),
                0, Map.of(), null, null);
        return new DriverLaunch("c1", RUNTIME, List.of(Path.of("agent.jar")), spec, Path.of("/data/c1"), SMALL,
                null, Map.of());
    }
}
