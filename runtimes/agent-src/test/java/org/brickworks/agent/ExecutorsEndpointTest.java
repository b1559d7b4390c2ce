package org.brickworks.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code GET /executors} on a driver with a real executor JVM: Spark's {@code local-cluster} master runs a standalone
 * master and worker inside the driver, and the worker starts the executor from {@code SPARK_HOME/jars}, here this
 * test's classpath.
 */
class ExecutorsEndpointTest {

    private static final String SECRET = UUID.randomUUID().toString();
    private static final Duration EXECUTOR_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    static Path dir;
    private static AgentProcess agent;
    private static AgentClient client;

    @BeforeAll
    static void startAgentWithOneWorker() throws Exception {
        Path sparkHome = sparkHomeOfThisClasspath(dir.resolve("spark-home"));
        agent = AgentProcess.start("ExecutorsEndpointTest", dir, SECRET,
                Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", scalaBinaryVersion()), "--conf",
                "spark.master=local-cluster[1,1,1024]", "--conf", "spark.executor.memory=512m", "--conf",
                "spark.sql.warehouse.dir=" + dir.resolve("warehouse"));
        client = new AgentClient(agent.baseUri(), SECRET);
    }

    @AfterAll
    static void stopAgent() throws InterruptedException {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void listsTheWorkersExecutorButNotTheDriver() throws Exception {
        JsonNode executors = awaitExecutorWithPort();

        assertThat(executors).hasSize(1);
        JsonNode executor = executors.get(0);
        assertThat(executor.get("executor_id").asText()).isEqualTo("0");
        assertThat(executor.get("host").asText()).isEqualTo("127.0.0.1");
        assertThat(executor.get("cores").asInt()).isEqualTo(1);
        assertThat(executor.get("start_time").asLong())
                .isBetween(agent.process().info().startInstant().orElseThrow().toEpochMilli(),
                        System.currentTimeMillis());
        String context = client.createContext();
        assertThat(client.run(context, "SELECT count(*) FROM range(0, 1000, 1, 4)").at("/results/data").toString())
                .isEqualTo("[[1000]]");
    }

    /** Executors register seconds after the driver (a JVM start); their block manager's port a moment later. */
    private static JsonNode awaitExecutorWithPort() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(EXECUTOR_TIMEOUT);
        JsonNode executors = client.call("GET", "/executors", null).get("executors");
        while (!(executors.size() > 0 && executors.get(0).get("port").asInt() > 0)) {
            assertThat(Instant.now()).as("an executor within %s; see target/ExecutorsEndpointTest-agent.log",
                    EXECUTOR_TIMEOUT).isBefore(deadline);
            assertThat(agent.process().waitFor(100, TimeUnit.MILLISECONDS)).as("the agent exited").isFalse();
            executors = client.call("GET", "/executors", null).get("executors");
        }
        return executors;
    }

    /** A Spark "distribution" whose {@code jars/} links every jar of this test's classpath. */
    private static Path sparkHomeOfThisClasspath(Path home) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            Path link = jars.resolve(jar.getFileName().toString());
            if (Files.isRegularFile(jar) && entry.endsWith(".jar") && !Files.exists(link)) {
                Files.createSymbolicLink(link, jar.toAbsolutePath());
            }
        }
        return home;
    }

    private static String scalaBinaryVersion() {
        String version = scala.util.Properties.versionNumberString();
        return version.substring(0, version.lastIndexOf('.'));
    }
}
