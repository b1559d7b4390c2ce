package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Scala, Python and R through the Command Execution API 1.2 on a real cluster: a Scala REPL, a CPython process and an
 * R process per context, temporary views shared with SQL, widget parameters, notebook exit, and bw:exec.
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
