package org.brickworks.clusters.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.brickworks.clusters.api.dto.Autoscale;
import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.clusters.api.dto.DriverLaunch;
import org.brickworks.runtimes.api.dto.SparkRuntime;
import org.junit.jupiter.api.Test;

class LocalClusterLauncherTest {
    private static final SparkRuntime RUNTIME = new SparkRuntime("15.4.x-scala2.12",
            "15.4 LTS (includes Apache Spark 3.5.7, Scala 2.12)", "3.5.7", "2.12", "3.3.2", List.of(), List.of(),
            List.of("--add-opens=java.base/java.nio=ALL-UNNAMED"));

    @Test
    void sizesASingleNodeDriverByItsNodeType() {
        List<String> command = command(spec("local-medium", 0));
        assertThat(command).contains("-Xmx4096m", "spark.master=local[2]");
        assertThat(command.get(1)).startsWith("-Dbrickworks.cluster.dir=");
    }

    @Test
    void givesEveryWorkerTheCoresOfItsNodeType() {
        assertThat(command(spec("local-large", 3))).contains("-Xmx8192m", "spark.master=local[12]");
    }

    @Test
    void sizesAnAutoscalingClusterForItsMostWorkers() {
        ClusterSpec spec = spec("local-small", 0).withWorkers(0, new Autoscale(1, 3));
        assertThat(command(spec)).contains("spark.master=local[3]");
    }

    @Test
    void servesSparkConnectCheckingTokensWithThePlatform() {
        assertThat(String.join(" ", command(spec("local-small", 0)))).contains("--connect-port 0",
                "--auth-url http://127.0.0.1:8080/api/2.0/preview/scim/v2/Me");
    }

    private static List<String> command(ClusterSpec spec) {
        DriverLaunch launch = new DriverLaunch("c1", RUNTIME, List.of(Path.of("agent.jar")), spec, Path.of("/data/c1"),
                LocalNodeTypes.get(spec.nodeTypeId()), "http://127.0.0.1:8080/api/2.0/preview/scim/v2/Me", Map.of());
        return LocalClusterLauncher.command(launch, Path.of("/data/c1/secret"), Path.of("/data/c1/ready.json"),
                Path.of("/data/c1/platform.conf"));
    }

    private static ClusterSpec spec(String nodeTypeId, int workers) {
        return new ClusterSpec("etl", RUNTIME.key(), nodeTypeId, workers, Map.of(), Map.of(), 0, Map.of(), null, null);
    }
}
