package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.brickworks.libraries.api.MavenResolver;
import org.brickworks.libraries.api.dto.MavenRequest;
import org.brickworks.runtimes.api.RuntimeRegistry;
import org.brickworks.runtimes.api.dto.SparkRuntime;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Spark standalone launcher against a real standalone master and worker started from the runtime's own jars (the
 * closure the platform resolved, through its Maven resolver and cache): while configured it offers its node types; a
 * cluster on one, created over REST, runs its SQL on the worker's executor, a JVM the worker started; when the
 * launcher goes away for good (its configuration deleted), the cluster terminates naming it and leaves nothing
 * running.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StandaloneClusterIT extends ClusterTestSupport {
    private static final String PID = "org.brickworks.clusters.standalone";
    private static final String CLUSTERS_PID = "org.brickworks.clusters";
    /** Over 4 partitions, so the query is tasks on executors; reflect() is not folded by the optimizer. */
    private static final String WHERE_DID_IT_RUN = "SELECT DISTINCT"
            + " reflect('java.lang.ProcessHandle', 'current') AS pid,"
            + " reflect('java.lang.System', 'getProperty', 'sun.java.command') AS command FROM range(0, 8, 1, 4)";

    @Inject
    private MavenResolver resolver;
    @Inject
    private RuntimeRegistry runtimes;
    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Test
    public void clusterWithAWorkerRunsItsQueriesOnTheWorkersExecutor() throws Exception {
        SparkRuntime runtime = runtimes.get(SPARK35);
        long began = System.nanoTime();
        List<Path> closure = resolver.resolve(new MavenRequest(runtime.mavenCoordinates(), List.of(), List.of()))
                .files();
        System.out.printf("Runtime closure: %d jars resolved in %d ms%n", closure.size(), millisSince(began));
        // Under target/, so the master's, worker's and executor's logs outlive the test's data directory.
        Path folder = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()),
                "standalone-spark");
        try (StandaloneSpark spark = StandaloneSpark.start(folder, closure, runtime.scalaVersion(),
                runtime.driverJvmOptions(), 1, 1024)) {
            System.out.printf("Standalone master ALIVE in %d ms, worker registered in %d ms%n",
                    spark.masterStartMillis(), spark.workerStartMillis());
            Configuration clusters = configurationAdmin.getConfiguration(CLUSTERS_PID, "?");
            clusters.update(new Hashtable<>(Map.of("serviceWaitSeconds", 3)));
            Configuration launcher = configurationAdmin.getConfiguration(PID, "?");
            String id = null;
            try {
                assertFalse(nodeTypes().contains("standalone-small"));
                launcher.update(new Hashtable<>(Map.of("master", spark.masterUrl())));
                // The launcher's service registers before the clusters service has tracked its node types.
                await("the standalone launcher's node types", () -> nodeTypes().contains("standalone-small"));
                String offered = nodeTypes();
                assertTrue(offered, offered.contains("local-small") && offered.contains("standalone-small"));
                id = create();
                ProcessHandle driver = runsOnTheWorker(spark, id);
                launcher.delete();
                launcher = null;
                terminatesWhenItsLauncherIsGone(spark, id, driver);
            } finally {
                if (launcher != null) {
                    launcher.delete();
                }
                clusters.delete();
                if (id != null) {
                    post("/api/2.0/clusters/permanent-delete", admin, "{\"cluster_id\":\"" + id + "\"}");
                }
            }
        }
    }

    private String create() throws Exception {
        Answer created = post("/api/2.0/clusters/create", admin, "{\"cluster_name\":\"standalone\",\"spark_version\":\""
                + SPARK35 + "\",\"node_type_id\":\"standalone-small\",\"num_workers\":1,"
                + "\"spark_conf\":{\"spark.executor.memory\":\"512m\"}}");
        assertEquals(created.body().toString(), 200, created.status());
        return created.body().path("cluster_id").asText();
    }

    /** Runs queries on the cluster's executor; the cluster stays RUNNING. Its driver process. */
    private ProcessHandle runsOnTheWorker(StandaloneSpark spark, String id) throws Exception {
        long began = System.nanoTime();
        await("cluster " + id + " to run", () -> !"PENDING".equals(state(id)));
        JsonNode running = cluster(id);
        assertEquals(running.toString() + "\n" + driverLog(id), "RUNNING", running.path("state").asText());
        System.out.printf("Cluster create -> RUNNING: %d ms%n", millisSince(began));
        ProcessHandle driver = ProcessHandle.of(running.path("driver").path("pid").asLong()).orElseThrow();

        long ranAt = System.nanoTime();
        JsonNode executors = awaitExecutor(id);
        System.out.printf("Executor registered with the driver %d ms after RUNNING%n", millisSince(ranAt));
        assertEquals(executors.toString(), 1, executors.size());
        assertEquals("127.0.0.1", executors.path(0).path("host_private_ip").asText());
        assertEquals("one core, the node type's", 1, executors.path(0).path("num_cores").asInt());
        JsonNode worker = spark.masterState().path("workers").path(0);
        assertEquals(spark.masterState().toString(), 1, spark.masterState().path("activeapps").size());
        assertEquals(worker.toString(), 1, worker.path("coresused").asInt());
        assertEquals("the spec's spark.executor.memory won: " + worker, 512, worker.path("memoryused").asInt());

        String context = post("/api/1.2/contexts/create", admin,
                "{\"clusterId\":\"" + id + "\",\"language\":\"sql\"}").body().path("id").asText();
        began = System.nanoTime();
        JsonNode result = runCommand(id, context, WHERE_DID_IT_RUN);
        System.out.printf("First query on the executor: %d ms%n", millisSince(began));
        assertEquals(result.toString() + "\n" + driverLog(id), "Finished", result.path("status").asText());
        JsonNode rows = result.path("results").path("data");
        assertEquals("one executor ran every task: " + rows, 1, rows.size());
        long executorPid = rows.path(0).path(0).asLong();
        assertTrue(rows.toString(), rows.path(0).path(1).asText().contains("CoarseGrainedExecutorBackend"));
        assertNotEquals("the driver ran the tasks itself", driver.pid(), executorPid);
        Set<Long> workerTree = spark.workerProcesses().stream().map(ProcessHandle::pid).collect(Collectors.toSet());
        assertTrue("executor " + executorPid + " is a child of the worker " + workerTree,
                workerTree.contains(executorPid));

        began = System.nanoTime();
        assertEquals("Finished", runCommand(id, context, WHERE_DID_IT_RUN).path("status").asText());
        System.out.printf("Second query on the executor: %d ms%n", millisSince(began));
        return driver;
    }

    /**
     * The launcher's configuration is gone and it does not come back within the clusters service's wait: the cluster
     * terminates with a reason naming it, and its driver, application and executor end.
     */
    private void terminatesWhenItsLauncherIsGone(StandaloneSpark spark, String id, ProcessHandle driver)
            throws Exception {
        await("the launcher's node types to go", () -> !nodeTypes().contains("standalone-small"));
        await("cluster " + id + " to terminate", () -> "TERMINATED".equals(state(id)));
        JsonNode reason = cluster(id).path("termination_reason");
        assertEquals(reason.toString(), "CLOUD_PROVIDER_SHUTDOWN", reason.path("code").asText());
        assertEquals(reason.toString(), "CLOUD_FAILURE", reason.path("type").asText());
        assertTrue(reason.toString(), reason.path("parameters").toString().contains("Cluster launcher 'standalone' of"
                + " node type standalone-small is no longer installed"));
        await("the driver process to exit", () -> !driver.isAlive());
        await("the application to complete on the master", () -> {
            try {
                return spark.masterState().path("activeapps").isEmpty()
                        && spark.masterState().path("completedapps").size() == 1;
            } catch (IOException e) {
                return false;
            }
        });
        await("the executor to exit", () -> spark.workerProcesses().size() == 1);
    }

    private String nodeTypes() {
        try {
            return get("/api/2.0/clusters/list-node-types", admin).body().path("node_types").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The cluster's executors as clusters/get shows them, once one has registered (a JVM the worker starts). */
    private JsonNode awaitExecutor(String id) throws IOException, InterruptedException {
        await("an executor on the worker", () -> {
            try {
                return !cluster(id).path("executors").isEmpty();
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        return cluster(id).path("executors");
    }

    private String driverLog(String id) throws IOException, InterruptedException {
        return get("/api/2.0/clusters/driver-logs?cluster_id=" + id, admin).body().path("log").asText();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
