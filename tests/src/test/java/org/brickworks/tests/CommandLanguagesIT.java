package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Scala, Python and R through the Command Execution API 1.2 on a real cluster: a Scala REPL, a CPython process and an
 * R process per context, temporary views shared with SQL, widget parameters, notebook exit, and bw:exec; secrets in
 * cells ({@code dbutils.secrets} with the context user's rights, values shown redacted) and in a cluster's Spark conf
 * and environment.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CommandLanguagesIT extends ClusterTestSupport {

    @Test
    public void scalaPythonAndRRunThroughApi12() throws Exception {
        String id = create("languages");
        awaitRunning(id);
        try {
            runsScala(id);
            runsPython(id);
            runsR(id);
            String exec = shell("bw:exec " + id + " scala \"21 * 2\"");
            assertTrue(exec, exec.contains("Int = 42"));
        } finally {
            post("/api/2.0/clusters/permanent-delete", admin, "{\"cluster_id\":\"" + id + "\"}");
        }
    }

    @Test
    public void secretsReachCellsWithTheirUsersRightsAndArePrintedRedacted() throws Exception {
        assertEquals(200, post("/api/2.0/secrets/scopes/create", admin, "{\"scope\": \"s\"}").status());
        assertEquals(200, post("/api/2.0/secrets/put", admin,
                "{\"scope\": \"s\", \"key\": \"k\", \"string_value\": \"sup3r-s3cret\"}").status());
        assertEquals(201, post("/api/2.0/preview/scim/v2/Users", admin, "{\"userName\": \"bob\", \"entitlements\":"
                + " [{\"value\": \"allow-cluster-create\"}]}").status());
        String bob = shell("bw:token-create --user bob it").lines().findFirst().orElseThrow().trim();

        Answer created = post("/api/2.0/clusters/create", admin, "{\"cluster_name\":\"secrets\",\"spark_version\":\""
                + SPARK35 + "\",\"spark_conf\":{\"spark.acme.key\":\"{{secrets/s/k}}\"},"
                + "\"spark_env_vars\":{\"ACME_KEY\":\"{{secrets/s/k}}\"}}");
        assertEquals(created.body().toString(), 200, created.status());
        String id = created.body().path("cluster_id").asText();
        Answer unreadable = post("/api/2.0/clusters/create", admin, "{\"cluster_name\":\"no-secret\","
                + "\"spark_version\":\"" + SPARK35 + "\",\"spark_conf\":{\"spark.acme.key\":\"{{secrets/s/gone}}\"}}");
        String failing = unreadable.body().path("cluster_id").asText();
        // bob may not read scope s: his cluster's reference to it fails its start.
        Answer bobs = post("/api/2.0/clusters/create", bob, "{\"cluster_name\":\"bobs\",\"spark_version\":\""
                + SPARK35 + "\",\"spark_env_vars\":{\"ACME_KEY\":\"{{secrets/s/k}}\"}}");
        assertEquals(bobs.body().toString(), 200, bobs.status());
        String refused = bobs.body().path("cluster_id").asText();
        try {
            awaitRunning(id);
            assertEquals("{{secrets/s/k}}", cluster(id).path("spark_conf").path("spark.acme.key").asText());
            assertEquals("{{secrets/s/k}}", cluster(id).path("spark_env_vars").path("ACME_KEY").asText());

            String python = createContext(id, "python", "");
            assertEquals("12 True True", text(runCommand(id, python, "python", "v = dbutils.secrets.get('s', 'k')\n"
                    + "import os\nprint(len(v), v == 'sup3r-s3cret', os.environ['ACME_KEY'] == v)")));
            assertEquals("'[REDACTED]'",
                    text(runCommand(id, python, "python", "dbutils.secrets.get(scope='s', key='k')")));
            assertEquals("b'[REDACTED]'", text(runCommand(id, python, "python", "dbutils.secrets.getBytes('s', 'k')")));
            assertEquals("['k'] True", text(runCommand(id, python, "python", "print([m.key for m in"
                    + " dbutils.secrets.list('s')], 's' in [s.name for s in dbutils.secrets.listScopes()])")));

            String scala = createContext(id, "scala", "");
            String conf = text(runCommand(id, scala, "scala", "spark.conf.get(\"spark.acme.key\")"));
            assertTrue(conf, conf.contains("String = [REDACTED]"));
            String length = text(runCommand(id, scala, "scala", "dbutils.secrets.get(\"s\", \"k\").length + "
                    + "dbutils.secrets.getBytes(\"s\", \"k\").length"));
            assertTrue(length, length.contains("Int = 24"));
            String keys = text(
                    runCommand(id, scala, "scala", "dbutils.secrets.list(\"s\").map(_.key).mkString(\"/\")"));
            assertTrue(keys, keys.contains("String = k"));

            String r = createContext(id, "r", "");
            assertEquals("[1] \"[REDACTED]\"",
                    text(runCommand(id, r, "r", "dbutils.secrets.get(scope = 's', key = 'k')")));
            assertEquals("[1] 12\n[1] \"k\"\n[1] TRUE",
                    text(runCommand(id, r, "r", "length(dbutils.secrets.getBytes('s',"
                            + " 'k'))\ndbutils.secrets.list('s')$key\n's' %in% dbutils.secrets.listScopes()$name")));

            Answer borrowed = post("/api/1.2/commands/execute", bob, "{\"clusterId\":\"" + id + "\",\"contextId\":\""
                    + python + "\",\"language\":\"python\",\"command\":\"1\"}");
            assertEquals(borrowed.body().toString(), 403, borrowed.status());
            assertEquals("PERMISSION_DENIED", borrowed.errorCode());
            String newContext = "{\"clusterId\":\"" + id + "\",\"language\":\"python\"}";
            assertEquals(403, post("/api/1.2/contexts/create", bob, newContext).status()); // not his cluster
            Answer attach = send(request("/api/2.0/permissions/clusters/" + id, admin)
                    .header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"access_control_list\":"
                            + " [{\"user_name\": \"bob\", \"permission_level\": \"CAN_ATTACH_TO\"}]}"))
                    .build());
            assertEquals(attach.body().toString(), 200, attach.status());
            Answer own = post("/api/1.2/contexts/create", bob, newContext);
            assertEquals(own.body().toString(), 200, own.status());
            JsonNode denied = runCommand(id, own.body().path("id").asText(), "python",
                    "dbutils.secrets.get('s', 'k')", bob);
            assertEquals(denied.toString(), "Error", denied.path("status").asText());
            assertTrue(denied.toString(),
                    denied.path("results").path("summary").asText().contains("PERMISSION_DENIED"));

            await("the start with an unknown secret to fail", () -> state(failing).matches("TERMINATED|ERROR"));
            JsonNode reason = cluster(failing).path("termination_reason");
            assertEquals(reason.toString(), "SECRET_RESOLUTION_ERROR", reason.path("code").asText());
            assertEquals(reason.toString(), "CLIENT_ERROR", reason.path("type").asText());
            assertTrue(reason.toString(),
                    reason.toString().contains("{{secrets/s/gone}} in spark_conf spark.acme.key"));
            assertEquals("{{secrets/s/gone}}", cluster(failing).path("spark_conf").path("spark.acme.key").asText());
            await("bob's cluster start to fail", () -> state(refused).matches("TERMINATED|ERROR"));
            JsonNode bobsReason = cluster(refused).path("termination_reason");
            assertEquals(bobsReason.toString(), "SECRET_RESOLUTION_ERROR", bobsReason.path("code").asText());
            assertTrue(bobsReason.toString(), bobsReason.toString().contains("spark_env_vars ACME_KEY with the rights"
                    + " of bob: PERMISSION_DENIED"));
            // What a cell's subprocess prints goes to the driver log, which shows it redacted.
            runCommand(id, python, "python", "import subprocess\nsubprocess.run(['sh', '-c', 'echo acme=$ACME_KEY'])");
            await("the driver log to show the echo", () -> driverLog(id).contains("acme="));
            String log = driverLog(id);
            assertTrue(log, log.contains("acme=[REDACTED]"));
            assertFalse(log, log.contains("sup3r-s3cret"));
        } finally {
            post("/api/2.0/clusters/permanent-delete", admin, "{\"cluster_id\":\"" + id + "\"}");
            post("/api/2.0/clusters/permanent-delete", admin, "{\"cluster_id\":\"" + failing + "\"}");
            post("/api/2.0/clusters/permanent-delete", admin, "{\"cluster_id\":\"" + refused + "\"}");
        }
    }

    private String driverLog(String id) {
        try {
            return get("/api/2.0/clusters/driver-logs?cluster_id=" + id, admin).body().path("log").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode result) {
        assertEquals(result.toString(), "Finished", result.path("status").asText());
        return result.path("results").path("data").asText();
    }

    /** {@link #runCommand(String, String, String, String)} as the user of {@code token}. */
    private JsonNode runCommand(String id, String contextId, String language, String command, String token)
            throws Exception {
        Answer executed = post("/api/1.2/commands/execute", token, JSON.createObjectNode().put("clusterId", id)
                .put("contextId", contextId).put("language", language).put("command", command).toString());
        assertEquals(executed.body().toString(), 200, executed.status());
        String status = "/api/1.2/commands/status?clusterId=" + id + "&contextId=" + contextId + "&commandId="
                + executed.body().path("id").asText();
        JsonNode answer = get(status, token).body();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (answer.path("status").asText().matches("Queued|Running") && System.nanoTime() < deadline) {
            answer = get(status, token).body();
        }
        return answer;
    }

    private void runsScala(String id) throws Exception {
        String contextId = createContext(id, "scala", ",\"parameters\":{\"rows\":\"4\"}");
        runCommand(id, contextId, "scala", "val n = dbutils.widgets.get(\"rows\").toInt");

        JsonNode text = runCommand(id, contextId, "scala", "n + 38");
        assertEquals(text.toString(), "Finished", text.path("status").asText());
        assertEquals("text", text.path("results").path("resultType").asText());
        assertTrue(text.toString(), text.path("results").path("data").asText().contains("Int = 42"));

        JsonNode view = runCommand(id, contextId, "scala",
                "spark.range(n).toDF(\"id\").createOrReplaceTempView(\"scala_view\")\ndisplay(spark.table(\"scala_view\"))");
        assertEquals(view.toString(), "table", view.path("results").path("resultType").asText());
        assertEquals("[[0],[1],[2],[3]]", view.path("results").path("data").toString());
        JsonNode sql = runCommand(id, contextId, "sql", "SELECT sum(id) FROM scala_view");
        assertEquals(sql.toString(), "[[6]]", sql.path("results").path("data").toString());

        JsonNode error = runCommand(id, contextId, "scala", "val broken: Int = \"no\"");
        assertEquals(error.toString(), "Error", error.path("status").asText());
        assertTrue(error.toString(), error.path("results").path("summary").asText().contains("type mismatch"));
        JsonNode exit = runCommand(id, contextId, "scala", "dbutils.notebook.exit(\"bye\")");
        assertEquals(exit.toString(), "bye", exit.path("results").path("data").asText());
        assertTrue(exit.toString(), exit.path("results").path("notebookExit").asBoolean());
    }

    private void runsR(String id) throws Exception {
        String contextId = createContext(id, "r", "");
        runCommand(id, contextId, "r", "total <- sum(1:9)");

        JsonNode text = runCommand(id, contextId, "r", "cat('total\\n')\ntotal");
        assertEquals(text.toString(), "Finished", text.path("status").asText());
        assertEquals("total\n[1] 45", text.path("results").path("data").asText());
        JsonNode table = runCommand(id, contextId, "r", "data.frame(x = 1:2, y = c('a', 'b'))");
        assertEquals(table.toString(), "table", table.path("results").path("resultType").asText());
        assertEquals(table.toString(), "[[1,\"a\"],[2,\"b\"]]", table.path("results").path("data").toString());
        JsonNode error = runCommand(id, contextId, "r", "stop('bad')");
        assertEquals("Error", error.path("status").asText());
        assertEquals("Error: bad", error.path("results").path("summary").asText());

        String loop = post("/api/1.2/commands/execute", admin, "{\"clusterId\":\"" + id + "\",\"contextId\":\""
                + contextId + "\",\"language\":\"r\",\"command\":\"repeat { total <- total + 1 }\"}").body()
                .path("id").asText();
        await("the R loop to run", () -> "Running".equals(commandStatus(id, contextId, loop)));
        assertEquals(200, post("/api/1.2/commands/cancel", admin, "{\"clusterId\":\"" + id + "\",\"contextId\":\""
                + contextId + "\",\"commandId\":\"" + loop + "\"}").status());
        await("the R loop to be cancelled",
                () -> "Cancelled".equals(commandStatus(id, contextId, loop)));
        JsonNode after = runCommand(id, contextId, "r", "total >= 45");
        assertEquals(after.toString(), "[1] TRUE", after.path("results").path("data").asText());
    }

    /** A context of {@code language}; {@code moreFields} are more JSON fields of the request, after a comma. */
    private String createContext(String id, String language, String moreFields) throws Exception {
        Answer context = post("/api/1.2/contexts/create", admin,
                "{\"clusterId\":\"" + id + "\",\"language\":\"" + language + "\"" + moreFields + "}");
        assertEquals(context.body().toString(), 200, context.status());
        return context.body().path("id").asText();
    }

    private String commandStatus(String id, String contextId, String commandId) {
        try {
            return get("/api/1.2/commands/status?clusterId=" + id + "&contextId=" + contextId + "&commandId="
                    + commandId, admin).body().path("status").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void runsPython(String id) throws Exception {
        String contextId = createContext(id, "python", "");
        runCommand(id, contextId, "python", "total = sum(range(10))");

        JsonNode text = runCommand(id, contextId, "python", "print('total')\ntotal");
        assertEquals(text.toString(), "Finished", text.path("status").asText());
        assertEquals("total\n45", text.path("results").path("data").asText());
        JsonNode table = runCommand(id, contextId, "python", "import pandas\npandas.DataFrame({'x': [1, 2]})");
        assertEquals(table.toString(), "[[1],[2]]", table.path("results").path("data").toString());
        JsonNode error = runCommand(id, contextId, "python", "raise ValueError('bad')");
        assertEquals("Error", error.path("status").asText());
        assertEquals("ValueError: bad", error.path("results").path("summary").asText());
        JsonNode spark = runCommand(id, contextId, "python", "spark.range(1)");
        assertTrue(spark.toString(), spark.path("results").path("summary").asText().contains("pip install pyspark"));
    }
}
