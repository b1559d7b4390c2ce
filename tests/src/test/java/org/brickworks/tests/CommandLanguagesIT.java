package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Scala and Python through the Command Execution API 1.2 on a real cluster: a Scala REPL and a CPython process per
 * context, temporary views shared with SQL, widget parameters, notebook exit, and bw:exec.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CommandLanguagesIT extends ClusterTestSupport {

    @Test
    public void scalaAndPythonRunThroughApi12() throws Exception {
        String id = create("languages");
        awaitRunning(id);
        try {
            runsScala(id);
            runsPython(id);
            String exec = shell("bw:exec " + id + " scala \"21 * 2\"");
            assertTrue(exec, exec.contains("Int = 42"));
        } finally {
            post("/api/2.0/clusters/permanent-delete", admin, "{\"cluster_id\":\"" + id + "\"}");
        }
    }

    private void runsScala(String id) throws Exception {
        Answer context = post("/api/1.2/contexts/create", admin, "{\"clusterId\":\"" + id
                + "\",\"language\":\"scala\",\"parameters\":{\"rows\":\"4\"}}");
        assertEquals(context.body().toString(), 200, context.status());
        String contextId = context.body().path("id").asText();
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

    private void runsPython(String id) throws Exception {
        Answer context = post("/api/1.2/contexts/create", admin,
                "{\"clusterId\":\"" + id + "\",\"language\":\"python\"}");
        assertEquals(context.body().toString(), 200, context.status());
        String contextId = context.body().path("id").asText();
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
