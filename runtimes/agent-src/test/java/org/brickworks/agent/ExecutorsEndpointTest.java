package org.brickworks.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.brickworks.agent.dbfs.DbfsFileSystem;
import org.brickworks.agent.protocol.AgentLaunch;
import org.brickworks.agent.protocol.AgentPaths;
import org.brickworks.agent.protocol.Mount;
import org.brickworks.agent.protocol.MountTable;
import org.brickworks.agent.testing.AgentClient;
import org.brickworks.agent.testing.AgentProcess;
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
                "spark.sql.warehouse.dir=" + dir.resolve("warehouse"), "--conf",
                "spark.executor.extraClassPath=" + classFolders(), "--conf",
                AgentLaunch.DBFS_ROOT_CONF + "=" + Files.createDirectories(dir.resolve("dbfs")), "--conf",
                "spark.hadoop." + DbfsFileSystem.MOUNTS_RECHECK + "=0");
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
        assertThat(executor.get("executorId").asText()).isEqualTo("0");
        assertThat(executor.get("host").asText()).isEqualTo("127.0.0.1");
        assertThat(executor.get("cores").asInt()).isEqualTo(1);
        assertThat(executor.get("startTime").asLong())
                .isBetween(agent.process().info().startInstant().orElseThrow().toEpochMilli(),
                        System.currentTimeMillis());
        String context = client.createContext();
        assertThat(client.run(context, "SELECT count(*) FROM range(0, 1000, 1, 4)").at("/results/data").toString())
                .isEqualTo("[[1000]]");
    }

    @Test
    void anExecutorInItsOwnJvmServesThePushedMountsAndTakesANewTable() throws Exception {
        awaitExecutorWithPort();
        Path first = Files.writeString(Files.createDirectories(dir.resolve("first")).resolve("a.txt"), "1\n2\n");
        Path second = Files.writeString(Files.createDirectories(dir.resolve("second")).resolve("a.txt"), "1\n2\n3\n");
        String context = client.createContext();
        String count = "SELECT count(*) FROM text.`dbfs:/mnt/shared/a.txt`";

        client.call("PUT", AgentPaths.MOUNTS, new MountTable(1, List.of(mount(first))));
        JsonNode before = client.run(context, count);
        client.call("PUT", AgentPaths.MOUNTS, new MountTable(2, List.of(mount(second))));
        JsonNode after = client.run(context, count);

        assertThat(before.at("/results/data").toString()).as(before.toString()).isEqualTo("[[2]]");
        assertThat(after.at("/results/data").toString()).as(after.toString()).isEqualTo("[[3]]");
    }

    private static Mount mount(Path file) {
        return new Mount(file.getParent().toUri().toString(), "/mnt/shared", Map.of());
    }

    /** Executors register seconds after the driver (a JVM start); their block manager's port a moment later. */
    private static JsonNode awaitExecutorWithPort() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(EXECUTOR_TIMEOUT);
        JsonNode executors = client.call("GET", AgentPaths.EXECUTORS, null).get("executors");
        while (!(executors.size() > 0 && executors.get(0).get("port").asInt() > 0)) {
            assertThat(Instant.now()).as("an executor within %s; see target/ExecutorsEndpointTest-agent.log",
                    EXECUTOR_TIMEOUT).isBefore(deadline);
            assertThat(agent.process().waitFor(100, TimeUnit.MILLISECONDS)).as("the agent exited").isFalse();
            executors = client.call("GET", AgentPaths.EXECUTORS, null).get("executors");
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

    /** The folders of this test's classpath (the agent's and the protocol's classes), for the executor's. */
    private static String classFolders() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> Files.isDirectory(Path.of(entry))).collect(Collectors.joining(File.pathSeparator));
    }

    private static String scalaBinaryVersion() {
        String version = scala.util.Properties.versionNumberString();
        return version.substring(0, version.lastIndexOf('.'));
    }
}
