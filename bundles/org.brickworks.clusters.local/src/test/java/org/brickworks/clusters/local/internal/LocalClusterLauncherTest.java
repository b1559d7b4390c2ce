package org.brickworks.clusters.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.brickworks.clusters.api.DriverProcesses;
import org.brickworks.clusters.api.dto.Autoscale;
import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.clusters.api.dto.DriverLaunch;
import org.brickworks.clusters.api.dto.LaunchedDriver;
import org.brickworks.clusters.api.dto.NodeType;
import org.brickworks.runtimes.api.dto.SparkRuntime;
import org.junit.jupiter.api.Test;

class LocalClusterLauncherTest {
    private static final SparkRuntime RUNTIME = new SparkRuntime("15.4.x-scala2.12", "15.4 LTS", "3.5.7", "2.12",
            "3.3.2", List.of(), List.of(), List.of());
    private static final LaunchedDriver STARTED = new LaunchedDriver(42, "127.0.0.1", Path.of("/data/c1/ready.json"),
            Path.of("/data/c1/secret"));

    private final List<Map<String, String>> started = new ArrayList<>();
    private final DriverProcesses processes = (launch, conf) -> {
        started.add(conf);
        return STARTED;
    };
    private final LocalClusterLauncher launcher = new LocalClusterLauncher(() -> processes);

    @Test
    void offersThreeSizesSmallestFirst() {
        assertThat(launcher.nodeTypes()).extracting(NodeType::nodeTypeId).containsExactly("local-small",
                "local-medium", "local-large");
        assertThat(launcher.nodeTypes().get(0).memoryMb()).isEqualTo(2048);
    }

    @Test
    void startsASingleNodeDriverWithItsNodeTypesCores() {
        assertThat(launcher.launch(launch(type("local-medium"), 0, null))).isEqualTo(STARTED);

        assertThat(started).containsExactly(Map.of("spark.master", "local[2]"));
    }

    @Test
    void givesEveryWorkerTheCoresOfItsNodeType() {
        launcher.launch(launch(type("local-large"), 3, null));

        assertThat(started.get(0)).containsEntry("spark.master", "local[12]");
    }

    @Test
    void sizesAnAutoscalingClusterForItsMostWorkers() {
        launcher.launch(launch(type("local-small"), 0, new Autoscale(1, 3)));

        assertThat(started.get(0)).containsEntry("spark.master", "local[3]");
    }

    private static NodeType type(String id) {
        return LocalClusterLauncher.NODE_TYPES.stream().filter(t -> t.nodeTypeId().equals(id)).findFirst()
                .orElseThrow();
    }

    private static DriverLaunch launch(NodeType type, int workers, Autoscale autoscale) {
        ClusterSpec spec = new ClusterSpec("etl", RUNTIME.key(), type.nodeTypeId(), workers, Map.of(), Map.of(), 0,
                Map.of(), autoscale, null);
        return new DriverLaunch("c1", RUNTIME, List.of(Path.of("agent.jar")), spec, Path.of("/data/c1"), type, null,
                Map.of());
    }
}
