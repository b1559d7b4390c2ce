package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.brickworks.libraries.api.MavenResolver;
import org.brickworks.libraries.api.dto.MavenRequest;
import org.brickworks.runtimes.api.RuntimeRegistry;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Clusters on the local launcher: a real driver process starts, reaches RUNNING and terminates, over REST and shell; a
 * driver that dies or a service that stops never leaves a cluster RUNNING or a process behind.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ClustersIT extends ClusterTestSupport {

    private HttpClient agentHttp;
    @Inject
    private MavenResolver resolver;
    @Inject
    private RuntimeRegistry runtimes;

    @Test
    public void createdClusterRunsADriverAndTerminatesOnDelete() throws Exception {
        long began = System.nanoTime();
        Answer created = post("/api/2.1/clusters/create", admin,
                "{\"cluster_name\":\"it\",\"spark_version\":\"" + SPARK35 + "\",\"num_workers\":1,"
                        + "\"spark_conf\":{\"spark.sql.shuffle.partitions\":\"2\"},\"custom_tags\":{\"team\":\"qa\"}}");
        assertEquals(created.body().toString(), 200, created.status());
        String id = created.body().path("cluster_id").asText();
        assertEquals("PENDING", cluster(id).path("state").asText());

        await("cluster " + id + " to run", () -> !"PENDING".equals(state(id)));
        JsonNode running = cluster(id);
        System.out.printf("Cluster create -> RUNNING: %d ms%n", (System.nanoTime() - began) / 1_000_000);
        assertEquals(running.toString(), "RUNNING", running.path("state").asText());
        assertEquals("127.0.0.1", running.path("driver").path("host_private_ip").asText());
        assertTrue(running.toString(), running.path("driver").path("port").asInt() > 0);
        assertEquals("qa", running.path("custom_tags").path("team").asText());
        assertEquals("local-small", running.path("node_type_id").asText());
        ProcessHandle driver = ProcessHandle.of(running.path("driver").path("pid").asLong()).orElseThrow();
        assertTrue(driver.isAlive());
        // The Spark conf (often storage keys) reaches the driver in an owner-only file, not on its command line
        String commandLine = driver.info().commandLine().orElseThrow();
        assertFalse(commandLine, commandLine.contains("spark.sql.shuffle.partitions"));
        JsonNode set = runCommand(id, sqlContext(id), "SET spark.sql.shuffle.partitions");
        assertEquals(set.toString(), "2", set.path("results").path("data").path(0).path(1).asText());
        assertTrue(get("/api/2.0/clusters/list", admin).body().path("clusters").toString().contains(id));
        String table = shell("bw:clusters");
        assertTrue(table, table.matches("(?s).*" + id + " +it +" + SPARK35 + " +RUNNING +127\\.0\\.0\\.1:\\d+.*"));
        readsTheDriverLog(id);
        runsSqlThroughCommandExecution(id);
        attachesWithSparkConnectAndAPersonalAccessToken(id);

        assertEquals(200, post("/api/2.0/clusters/delete", admin, "{\"cluster_id\":\"" + id + "\"}").status());
        await("cluster " + id + " to terminate", () -> "TERMINATED".equals(state(id)));
        await("the driver process to exit", () -> !driver.isAlive());
        JsonNode terminated = cluster(id);
        assertEquals("USER_REQUEST", terminated.path("termination_reason").path("code").asText());
        assertTrue(terminated.path("terminated_time").asLong() > 0);
        assertTrue(terminated.path("driver").isMissingNode());
        String events = post("/api/2.0/clusters/events", admin, "{\"cluster_id\":\"" + id + "\"}").body().toString();
        for (String type : new String[] { "CREATING", "STARTING", "RUNNING", "TERMINATING", "TERMINATED" }) {
            assertTrue(events, events.contains("\"type\":\"" + type + "\""));
        }
        assertTrue(shell("bw:cluster-events " + id).contains("TERMINATED"));
        pagesEventsNewestFirstAndFiltersThem(id);

        assertEquals(200,
                post("/api/2.0/clusters/permanent-delete", admin, "{\"cluster_id\":\"" + id + "\"}").status());
        assertEquals("RESOURCE_DOES_NOT_EXIST", get("/api/2.0/clusters/get?cluster_id=" + id, admin).errorCode());
    }

    /** {@code clusters/events} as Databricks' clients page it: following {@code next_page} to the end. */
    private void pagesEventsNewestFirstAndFiltersThem(String id) throws Exception {
        JsonNode oldestFirst = events("{\"cluster_id\":\"" + id + "\",\"order\":\"ASC\"}");
        long total = oldestFirst.path("total_count").asLong();
        assertTrue(oldestFirst.toString(), total >= 5 && oldestFirst.path("events").size() == total);
        assertTrue(oldestFirst.path("next_page").isMissingNode());
        List<String> expected = new ArrayList<>(keys(oldestFirst));
        Collections.reverse(expected);

        List<String> paged = new ArrayList<>();
        String request = "{\"cluster_id\":\"" + id + "\",\"limit\":2}";
        for (int pages = 0; request != null; pages++) {
            JsonNode page = events(request);
            assertEquals(total, page.path("total_count").asLong());
            assertTrue(page.toString(), page.path("events").size() <= 2 && pages <= total);
            paged.addAll(keys(page));
            request = page.has("next_page") ? page.get("next_page").toString() : null;
        }
        assertEquals("newest first by default, every event once", expected, paged);

        JsonNode ends = events(
                "{\"cluster_id\":\"" + id + "\",\"event_types\":[\"TERMINATING\",\"TERMINATED\"]}");
        assertEquals(ends.toString(), 2, ends.path("total_count").asLong());
        long firstTime = oldestFirst.path("events").get(0).path("timestamp").asLong();
        JsonNode early = events("{\"cluster_id\":\"" + id + "\",\"end_time\":" + firstTime + "}");
        early.path("events").forEach(event -> assertTrue(event.path("timestamp").asLong() <= firstTime));
        assertTrue(early.toString(), early.path("total_count").asLong() >= 1);
        for (String bad : new String[] { "\"limit\":501", "\"offset\":-1", "\"order\":\"UP\"" }) {
            assertEquals(bad, "INVALID_PARAMETER_VALUE", post("/api/2.0/clusters/events", admin,
                    "{\"cluster_id\":\"" + id + "\"," + bad + "}").errorCode());
        }
    }

    private JsonNode events(String request) throws Exception {
        Answer answer = post("/api/2.1/clusters/events", admin, request);
        assertEquals(answer.body().toString(), 200, answer.status());
        return answer.body();
    }

    private static List<String> keys(JsonNode page) {
        List<String> keys = new ArrayList<>();
        page.path("events").forEach(event -> keys.add(event.path("timestamp").asLong() + " "
                + event.path("type").asText() + " " + event.path("details")));
        return keys;
    }

    @Test
    public void driverThatDiesTerminatesItsClusterAndARunningDriverOutlivesUpdatesOfItsServices() throws Exception {
        String killed = create("killed");
        String survivor = create("survivor");
        await("both clusters to run", () -> "RUNNING".equals(state(killed)) && "RUNNING".equals(state(survivor)));

        ProcessHandle.of(pid(killed)).orElseThrow().destroyForcibly();
        await("the killed cluster to terminate", () -> "TERMINATED".equals(state(killed)));
        assertEquals("DRIVER_UNREACHABLE", cluster(killed).path("termination_reason").path("code").asText());

        long pid = pid(survivor);
        Bundle clusters = bundle("org.brickworks.clusters");
        clusters.update();
        await("the updated service to answer", () -> "RUNNING".equals(state(survivor)));
        assertEquals("the same driver process, adopted", pid, pid(survivor));
        assertTrue(ProcessHandle.of(pid).orElseThrow().isAlive());
        assertEquals("3", sqlValue(survivor, "SELECT 1 + 2"));
        String events = post("/api/2.0/clusters/events", admin, "{\"cluster_id\":\"" + survivor + "\"}").body()
                .toString();
        assertTrue(events, events.contains("DRIVER_HEALTHY"));

        // Its launcher's bundle and the command execution bundle: the driver is the clusters service's, not theirs.
        bundle("org.brickworks.clusters.local").update();
        bundle("org.brickworks.execution").update();
        assertEquals("5", sqlValue(survivor, "SELECT 2 + 3"));
        assertEquals("the same driver process", pid, pid(survivor));
        assertEquals("RUNNING", state(survivor));

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        await("the adopted driver's death to terminate its cluster", () -> "TERMINATED".equals(state(survivor)));
        assertEquals("DRIVER_UNREACHABLE", cluster(survivor).path("termination_reason").path("code").asText());
    }

    @Test
    public void badSpecsAreRefusedAndCreateNothing() throws Exception {
        int before = get("/api/2.0/clusters/list", admin).body().path("clusters").size();
        Answer unknown = post("/api/2.0/clusters/create", admin,
                "{\"cluster_name\":\"x\",\"spark_version\":\"9.9.x-scala2.12\"}");
        assertEquals(400, unknown.status());
        assertEquals("INVALID_PARAMETER_VALUE", unknown.errorCode());
        assertTrue(unknown.body().toString(), unknown.body().path("message").asText().contains(SPARK35));
        Answer negative = post("/api/2.0/clusters/create", admin,
                "{\"cluster_name\":\"x\",\"spark_version\":\"" + SPARK35 + "\",\"num_workers\":-1}");
        assertEquals("INVALID_PARAMETER_VALUE", negative.errorCode());
        Answer nodeType = post("/api/2.0/clusters/create", admin,
                "{\"cluster_name\":\"x\",\"spark_version\":\"" + SPARK35 + "\",\"node_type_id\":\"i3.xlarge\"}");
        assertEquals(400, nodeType.status());
        assertEquals("INVALID_PARAMETER_VALUE", nodeType.errorCode());
        assertTrue(nodeType.body().toString(), nodeType.body().path("message").asText().contains("local-small"));
        Answer conf = post("/api/2.0/clusters/create", admin,
                "{\"cluster_name\":\"x\",\"spark_version\":\"" + SPARK35 + "\",\"spark_conf\":{\"a\":{\"b\":1}}}");
        assertEquals("INVALID_PARAMETER_VALUE", conf.errorCode());
        assertEquals(before, get("/api/2.0/clusters/list", admin).body().path("clusters").size());
        assertFalse(shell("bw:clusters").contains(" x "));
    }

    @Test
    public void listsTheLocalNodeTypesInDatabricksShape() throws Exception {
        for (String version : new String[] { "2.0", "2.1" }) {
            JsonNode types = get("/api/" + version + "/clusters/list-node-types", admin).body().path("node_types");
            assertEquals(types.toString(), 3, types.size());
            JsonNode small = types.path(0);
            assertEquals("local-small", small.path("node_type_id").asText());
            assertEquals(2048, small.path("memory_mb").asInt());
            assertEquals(1, small.path("num_cores").asInt());
            assertEquals("local-small", small.path("instance_type_id").asText());
            assertFalse(small.path("description").asText().isBlank());
            assertTrue(small.path("is_deprecated").isBoolean());
            assertFalse(small.path("is_deprecated").asBoolean());
        }
    }

    /** driver-logs and bw:cluster-logs on a RUNNING cluster: the agent has announced itself in its log. */
    private void readsTheDriverLog(String id) throws Exception {
        JsonNode log = get("/api/2.0/clusters/driver-logs?cluster_id=" + id, admin).body();
        assertEquals(id, log.path("cluster_id").asText());
        assertTrue(log.toString(), log.path("log").asText().contains("Driver agent ready"));
        assertTrue(shell("bw:cluster-logs " + id + " --lines 100000").contains("Driver agent ready"));
        assertEquals(1, shell("bw:cluster-logs " + id + " --lines 1").strip().lines().count());
        assertEquals("RESOURCE_DOES_NOT_EXIST",
                get("/api/2.1/clusters/driver-logs?cluster_id=nope", admin).errorCode());
    }

    /**
     * The driver's Spark Connect endpoint, as clusters/get tells it, driven by a client generated from the
     * spark-connect jar's .proto files: the admin's personal access token is checked with the platform; no token and
     * an unknown token are refused.
     */
    private void attachesWithSparkConnectAndAPersonalAccessToken(String id) throws Exception {
        JsonNode connect = cluster(id).path("spark_connect");
        String target = connect.path("host").asText() + ":" + connect.path("port").asInt();
        assertTrue(connect.toString(), connect.path("url").asText().startsWith("sc://127.0.0.1:"));
        Path jar = resolver.resolve(new MavenRequest(runtimes.get(SPARK35).mavenCoordinates(), List.of(), List.of()))
                .files().stream().filter(f -> f.getFileName().toString().startsWith("spark-connect_")).findFirst()
                .orElseThrow();

        ConnectClient answer = connectSql(jar, target, admin, "authorization", "SELECT 40 + 2 AS answer");
        assertEquals(answer.output(), 0, answer.exit());
        assertEquals("[42]", answer.output().strip());
        ConnectClient header = connectSql(jar, target, admin, "x-brickworks-token", "SELECT 'header'");
        assertEquals(header.output(), "[\"header\"]", header.output().strip());
        ConnectClient none = connectSql(jar, target, null, "authorization", "SELECT 1");
        assertEquals(none.output(), 1, none.exit());
        assertTrue(none.output(), none.output().contains("UNAUTHENTICATED"));
        ConnectClient unknown = connectSql(jar, target, "dapi0123456789abcdef0123456789abcdef", "authorization",
                "SELECT 1");
        assertTrue(unknown.output(),
                unknown.output().contains("gRPC UNAUTHENTICATED: The bearer token was not accepted"));

        // A Python kernel's Spark Connect session has its context's own token, valid while the context lives; the
        // cluster secret, which also opens the agent's API and the platform's call-backs, is not in its environment.
        String secret = Files.readAllLines(dataDirectory().resolve("clusters").resolve(id).resolve("secret")).get(0);
        String python = post("/api/1.2/contexts/create", admin,
                "{\"clusterId\": \"" + id + "\", \"language\": \"python\"}").body().path("id").asText();
        String environment = runCommand(id, python, "python", "import os\nprint(repr(dict(os.environ)))")
                .path("results").path("data").asText();
        assertFalse(environment.contains(secret));
        Matcher token = Pattern.compile("x-brickworks-token=(ctx-[0-9a-f]+)")
                .matcher(environment);
        assertTrue(environment, token.find());
        ConnectClient kernel = connectSql(jar, target, token.group(1), "x-brickworks-token", "SELECT 7");
        assertEquals(kernel.output(), "[7]", kernel.output().strip());
        assertEquals(200, post("/api/1.2/contexts/destroy", admin,
                "{\"clusterId\": \"" + id + "\", \"contextId\": \"" + python + "\"}").status());
        ConnectClient ended = connectSql(jar, target, token.group(1), "x-brickworks-token", "SELECT 7");
        assertTrue(ended.output(), ended.output().contains("UNAUTHENTICATED"));
    }

    private record ConnectClient(int exit, String output) {
    }

    private static ConnectClient connectSql(Path jar, String target, String token, String header, String sql)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("python3",
                Features.ROOT.resolve("tests/src/test/python/connect_sql.py").toString(), "--connect-jar",
                jar.toString(), "--target", target, "--token-header", header, "--sql", sql));
        if (token != null) {
            command.addAll(List.of("--token", token));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("the Spark Connect client finished", process.waitFor(120, TimeUnit.SECONDS));
        return new ConnectClient(process.exitValue(), output);
    }

    /** Command Execution API 1.2 and bw:sql on a RUNNING cluster (the one Spark start of this test). */
    private void runsSqlThroughCommandExecution(String id) throws Exception {
        Answer context = post("/api/1.2/contexts/create", admin, "{\"clusterId\":\"" + id + "\",\"language\":\"sql\"}");
        assertEquals(context.body().toString(), 200, context.status());
        String contextId = context.body().path("id").asText();
        assertEquals("Running", get("/api/1.2/contexts/status?clusterId=" + id + "&contextId=" + contextId, admin)
                .body().path("status").asText());

        JsonNode finished = runCommand(id, contextId, "SELECT 1 AS one, 'a' AS s");
        assertEquals(finished.toString(), "Finished", finished.path("status").asText());
        JsonNode results = finished.path("results");
        assertEquals("table", results.path("resultType").asText());
        assertEquals("one", results.path("schema").path(0).path("name").asText());
        assertEquals("s", results.path("schema").path(1).path("name").asText());
        assertEquals("[[1,\"a\"]]", results.path("data").toString());

        JsonNode failed = runCommand(id, contextId, "SELECT * FROM no_such_table");
        assertEquals(failed.toString(), "Error", failed.path("status").asText());
        assertEquals("error", failed.path("results").path("resultType").asText());
        assertFalse(failed.toString(), failed.path("results").path("summary").asText().isBlank());

        long[] platform = new long[20];
        long[] agent = new long[20];
        for (int i = 0; i < platform.length; i++) {
            long began = System.nanoTime();
            assertEquals("Finished", runCommand(id, contextId, "SELECT 1").path("status").asText());
            platform[i] = System.nanoTime() - began;
            began = System.nanoTime();
            assertEquals("Finished", runOnAgent(id, contextId, "SELECT 1").path("status").asText());
            agent[i] = System.nanoTime() - began;
        }
        System.out.printf("SELECT 1 round trip (execute + status until Finished), 20 runs: through API 1.2 %s,"
                + " straight to the driver agent %s%n", percentiles(platform), percentiles(agent));

        Answer unknown = post("/api/1.2/contexts/create", admin, "{\"clusterId\":\"nope\",\"language\":\"sql\"}");
        assertEquals(404, unknown.status());
        assertEquals("RESOURCE_DOES_NOT_EXIST", unknown.errorCode());
        assertEquals("INVALID_PARAMETER_VALUE", post("/api/1.2/contexts/create", admin,
                "{\"clusterId\":\"" + id + "\",\"language\":\"cobol\"}").errorCode());

        String sql = shell("bw:sql " + id + " SELECT 2 AS two");
        assertTrue(sql, sql.matches("(?s)\\s*two\\s+2\\s*"));

        Answer destroyed = post("/api/1.2/contexts/destroy", admin,
                "{\"clusterId\":\"" + id + "\",\"contextId\":\"" + contextId + "\"}");
        assertEquals(contextId, destroyed.body().path("id").asText());
        assertEquals("RESOURCE_DOES_NOT_EXIST",
                get("/api/1.2/contexts/status?clusterId=" + id + "&contextId=" + contextId, admin).errorCode());
    }

    /** The same round trip straight to the cluster's driver agent (its own API, its secret), for comparison. */
    private JsonNode runOnAgent(String id, String contextId, String command) throws Exception {
        JsonNode driver = cluster(id).path("driver");
        String agent = "http://127.0.0.1:" + driver.path("port").asInt();
        String secret = Files.readAllLines(dataDirectory().resolve("clusters").resolve(id).resolve("secret")).get(0);
        HttpClient http = agentHttp();
        HttpResponse<String> executed = http.send(HttpRequest.newBuilder(URI.create(agent + "/commands"))
                .header("Authorization", "Bearer " + secret).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"contextId\":\"" + contextId + "\",\"language\":\"sql\",\"command\":\"" + command + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String commandId = JSON.readTree(executed.body()).path("id").asText();
        HttpResponse<String> status = http.send(
                HttpRequest.newBuilder(URI.create(agent + "/commands/" + commandId + "?wait_ms=60000"))
                        .header("Authorization", "Bearer " + secret).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(status.body());
    }

    private HttpClient agentHttp() {
        if (agentHttp == null) {
            agentHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        }
        return agentHttp;
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("p50 %.1f ms, max %.1f ms", sorted[sorted.length / 2] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }
}
