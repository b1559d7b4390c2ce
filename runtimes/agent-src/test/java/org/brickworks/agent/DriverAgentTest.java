package org.brickworks.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.brickworks.agent.protocol.AgentPaths;
import org.brickworks.agent.testing.AgentClient;
import org.brickworks.agent.testing.AgentProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The real agent in its own JVM, driven over HTTP as the control plane drives it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DriverAgentTest {

    private static final String SECRET = UUID.randomUUID().toString();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static AgentProcess agent;
    private static AgentClient client;
    private static String context;

    @BeforeAll
    static void startAgent() throws Exception {
        // An R that is not there: R contexts must say how to install it (LanguagesTest runs the real one).
        agent = AgentProcess.start("DriverAgentTest", dir, SECRET, "--conf",
                "spark.sql.warehouse.dir=" + dir.resolve("warehouse"), "--r", dir.resolve("no-such-R").toString());
        client = new AgentClient(agent.baseUri(), SECRET);
        context = client.createContext();
    }

    @AfterAll
    static void stopAgent() throws InterruptedException {
        agent.close();
    }

    @Test
    void readyFileAndHealthNameTheRuntime() throws Exception {
        String sparkVersion = System.getProperty("brickworks.expected.spark.version");
        assertThat(agent.ready().sparkVersion()).isEqualTo(sparkVersion);
        assertThat(agent.ready().pid()).isEqualTo(agent.process().pid());

        JsonNode health = client.call("GET", AgentPaths.HEALTH, null);

        assertThat(health.get("state").asText()).isEqualTo("RUNNING");
        assertThat(health.get("sparkVersion").asText()).isEqualTo(sparkVersion);
        assertThat(health.get("scalaVersion").asText()).matches("2\\.1[23]\\.\\d+");
        assertThat(health.get("deltaVersion").asText()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(health.get("uptimeMillis").asLong()).isPositive();
        assertThat(agent.ready().connectPort()).as("Spark Connect is off without --connect-port").isNull();
        assertThat(health.has("connectPort")).isFalse();
    }

    @Test
    void aLocalDriverHasNoExecutors() throws Exception {
        JsonNode executors = client.call("GET", AgentPaths.EXECUTORS, null);

        assertThat(executors.get("executors").isArray()).isTrue();
        assertThat(executors.get("executors")).isEmpty();
    }

    @Test
    void refusesRequestsWithoutTheSecret() throws Exception {
        HttpResponse<String> none = client.send("GET", AgentPaths.HEALTH, null, null);
        HttpResponse<String> wrong = client.send("GET", AgentPaths.HEALTH, null, "Bearer " + SECRET + "x");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrong.body()).get("errorCode").asText()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void selectReturnsATable() throws Exception {
        JsonNode command = client.run(context, "SELECT 1 AS one");

        assertThat(command.get("status").asText()).isEqualTo("Finished");
        JsonNode results = command.get("results");
        assertThat(results.get("resultType").asText()).isEqualTo("table");
        assertThat(results.get("schema")).hasSize(1);
        assertThat(results.at("/schema/0/name").asText()).isEqualTo("one");
        assertThat(results.at("/schema/0/type").asText()).isEqualTo("\"integer\"");
        assertThat(results.get("data").toString()).isEqualTo("[[1]]");
        assertThat(results.get("truncated").asBoolean()).isFalse();
    }

    @Test
    void executeWithWaitAnswersAShortCommandsResultAndAnIdForALongOne() throws Exception {
        JsonNode quick = client.call("POST", AgentPaths.COMMANDS, Map.of("contextId", context, "language", "sql",
                "command", "SELECT 2 AS two", "waitMillis", 5_000));
        JsonNode slow = client.call("POST", AgentPaths.COMMANDS, Map.of("contextId", context, "language", "sql",
                "command", "SELECT java_method('java.lang.Thread', 'sleep', 3000L)", "waitMillis", 50));

        assertThat(quick.get("status").asText()).as(quick.toString()).isEqualTo("Finished");
        assertThat(quick.at("/results/data").toString()).isEqualTo("[[2]]");
        assertThat(slow.get("status").asText()).as(slow.toString()).isIn("Queued", "Running");
        assertThat(slow.get("results").isNull()).isTrue();
        assertThat(client.await(slow.get("id").asText()).get("status").asText()).isEqualTo("Finished");
    }

    @Test
    void nestedBinaryDecimalAndNullValuesBecomeJson() throws Exception {
        JsonNode command = client.run(context, "SELECT array(1, 2) a, map('k', 1) m, named_struct('x', 'y') s,"
                + " X'0102' b, CAST(1.5 AS DECIMAL(3,1)) d, CAST(NULL AS STRING) n, DATE'2024-02-29' day");

        assertThat(command.at("/results/data").toString())
                .isEqualTo("[[[1,2],{\"k\":1},{\"x\":\"y\"},\"AQI=\",1.5,null,\"2024-02-29\"]]");
    }

    @Test
    void badSqlGivesAnErrorResultWithAOneLineSummary() throws Exception {
        JsonNode command = client.run(context, "SELEC 1");

        assertThat(command.get("status").asText()).isEqualTo("Error");
        assertThat(command.at("/results/resultType").asText()).isEqualTo("error");
        assertThat(command.at("/results/summary").asText()).contains("PARSE_SYNTAX_ERROR").doesNotContain("\n");
        assertThat(command.at("/results/cause").asText()).contains("ParseException");
    }

    @Test
    void deltaTableIsCreatedAndQueried() throws Exception {
        JsonNode create = client.run(context, "CREATE TABLE numbers USING DELTA AS SELECT id FROM range(10)");
        JsonNode count = client.run(context, "SELECT count(*) FROM numbers");

        assertThat(create.get("status").asText()).isEqualTo("Finished");
        assertThat(create.at("/results/data")).isEmpty();
        assertThat(count.at("/results/data").toString()).isEqualTo("[[10]]");
        assertThat(dir.resolve("warehouse/numbers/_delta_log")).isDirectory();
    }

    @Test
    void temporaryViewsBelongToTheirContext() throws Exception {
        String other = client.createContext();
        client.run(context, "CREATE TEMPORARY VIEW mine AS SELECT 42 AS answer");

        JsonNode own = client.run(context, "SELECT answer FROM mine");
        JsonNode foreign = client.run(other, "SELECT answer FROM mine");

        assertThat(own.at("/results/data").toString()).isEqualTo("[[42]]");
        assertThat(foreign.get("status").asText()).isEqualTo("Error");
        assertThat(foreign.at("/results/summary").asText()).contains("TABLE_OR_VIEW_NOT_FOUND");
        assertThat(client.call("DELETE", AgentPaths.context(other), null).get("id").asText()).isEqualTo(other);
        assertThat(client.call("GET", AgentPaths.context(other), null).get("errorCode").asText())
                .isEqualTo("RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void rowsBeyondMaxRowsAreTruncated() throws Exception {
        JsonNode cut = client.await(client.execute(context, "SELECT id FROM range(10)", 3));
        JsonNode whole = client.await(client.execute(context, "SELECT id FROM range(10)", 10));

        assertThat(cut.at("/results/data").toString()).isEqualTo("[[0],[1],[2]]");
        assertThat(cut.at("/results/truncated").asBoolean()).isTrue();
        assertThat(whole.at("/results/data")).hasSize(10);
        assertThat(whole.at("/results/truncated").asBoolean()).isFalse();
    }

    @Test
    void cancelStopsALongQueryAndTheContextStaysUsable() throws Exception {
        String id = client.execute(context, "SELECT sum(hash(id)) FROM range(0, 1000000000000)", 10);
        JsonNode running = client.status(id, 1000);

        client.cancel(id);
        JsonNode cancelled = client.await(id);
        JsonNode next = client.run(context, "SELECT 1");

        assertThat(running.get("status").asText()).isEqualTo("Running");
        assertThat(cancelled.get("status").asText()).isEqualTo("Cancelled");
        assertThat(next.at("/results/data").toString()).isEqualTo("[[1]]");
    }

    @Test
    void aCommandSubmittedWhileAnotherRunsWaitsForItInOrder() throws Exception {
        String slow = client.execute(context, "SELECT sum(hash(id)) FROM range(0, 1000000000000)", 10);
        String next = client.execute(context, "SELECT 2", 10);
        JsonNode waiting = client.status(next, 500);
        JsonNode running = client.status(slow, 0);

        client.cancel(slow);
        JsonNode cancelled = client.await(slow);
        JsonNode done = client.await(next);

        assertThat(waiting.get("status").asText()).isEqualTo("Queued");
        assertThat(running.get("status").asText()).isEqualTo("Running");
        assertThat(cancelled.get("status").asText()).isEqualTo("Cancelled");
        assertThat(done.at("/results/data").toString()).isEqualTo("[[2]]");
    }

    @Test
    void unknownThingsAndUnsupportedLanguagesAreClearErrors() throws Exception {
        JsonNode unknown = client.call("GET", AgentPaths.command("nope"), null);
        JsonNode cobol = client.call("POST", AgentPaths.CONTEXTS, JSON.createObjectNode().put("language", "cobol"));
        JsonNode sh = client.call("POST", AgentPaths.COMMANDS,
                JSON.createObjectNode().put("contextId", context).put("language", "sh").put("command", "ls"));

        assertThat(unknown.get("errorCode").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(cobol.get("errorCode").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(cobol.get("message").asText()).isEqualTo("Unknown language cobol: this driver runs fs, python, r,"
                + " scala, sql");
        assertThat(sh.get("message").asText()).startsWith("Unknown language sh: this driver runs fs, python");
        assertThat(client.call("GET", AgentPaths.LANGUAGES, null).get("languages").toString())
                .isEqualTo("[\"fs\",\"python\",\"r\",\"scala\",\"sql\"]");
    }

    @Test
    void requestsAreTheProtocolsRecordsAndAnythingElseIsRefusedNamingIt() throws Exception {
        JsonNode snakeCase = client.call("POST", AgentPaths.COMMANDS,
                JSON.createObjectNode().put("context_id", context).put("command", "SELECT 1"));
        JsonNode wrongType = client.call("POST", AgentPaths.CONTEXTS,
                JSON.createObjectNode().put("language", "sql").set("parameters", JSON.createArrayNode()));
        HttpResponse<String> notJson = client.send("POST", AgentPaths.CONTEXTS, "{", "Bearer " + SECRET);
        JsonNode noSuchPath = client.call("GET", "/nope", null);

        assertThat(snakeCase.get("errorCode").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(snakeCase.get("message").asText()).contains("Execute").contains("context_id");
        assertThat(wrongType.get("message").asText()).contains("CreateContext");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(noSuchPath.get("errorCode").asText()).isEqualTo("ENDPOINT_NOT_FOUND");
    }

    @Test
    void aCommandIsAnsweredWithItsStatusAndSqlMagicsRunInAnyContext() throws Exception {
        String scala = client.createContext("scala", Map.of());
        JsonNode queued = client.call("POST", AgentPaths.COMMANDS,
                JSON.createObjectNode().put("contextId", scala).put("language", "scala").put("command",
                        "%sql\nSELECT 'magic' AS word"));

        assertThat(queued.get("status").asText()).isIn("Queued", "Running", "Finished");
        assertThat(client.await(queued.get("id").asText()).at("/results/data").toString())
                .isEqualTo("[[\"magic\"]]");
    }

    @Test
    void rCommandsWithoutRSayHowToInstallIt() throws Exception {
        String r = client.createContext("r", Map.of());

        JsonNode result = client.run(r, "r", "1 + 1");
        JsonNode sqlInTheSameContext = client.run(r, "sql", "SELECT 1");

        assertThat(result.get("status").asText()).isEqualTo("Error");
        assertThat(result.at("/results/summary").asText()).contains("R is not installed").contains("r-base")
                .contains("no-such-R");
        assertThat(sqlInTheSameContext.at("/results/data").toString()).isEqualTo("[[1]]");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void shutdownEndsTheProcess() throws Exception {
        JsonNode answer = client.call("POST", AgentPaths.SHUTDOWN, null);

        assertThat(answer.get("state").asText()).isEqualTo("TERMINATING");
        assertThat(agent.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(agent.process().exitValue()).isZero();
        assertThat(Files.readString(Path.of("target/DriverAgentTest-agent.log"))).contains("SparkSession");
    }
}
