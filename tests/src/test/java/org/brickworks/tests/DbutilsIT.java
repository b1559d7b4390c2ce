package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.brickworks.notebooks.api.NotebookRunner;
import org.brickworks.notebooks.api.dto.CellRun;
import org.brickworks.notebooks.api.dto.NotebookRun;
import org.brickworks.workspace.api.WorkspaceService;
import org.brickworks.workspace.api.dto.ExportFormat;
import org.brickworks.workspace.api.dto.ImportRequest;
import org.brickworks.workspace.api.dto.NotebookLanguage;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code dbutils} on a real cluster: a file put by Python read back through the DBFS API and by Spark SQL, {@code %fs}
 * through the Command Execution API and in a notebook run, {@code dbutils.notebook.run} from Scala and Python (exit
 * value, arguments as widgets, a failing child, a timeout, bad paths), notebook-run parameters reaching Scala and
 * Python widgets, and the drivers' call back (also {@code dbutils.fs.mount/unmount}) refusing anything but a running
 * cluster's secret.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DbutilsIT extends ClusterTestSupport {
    private static final String CHILD = """
            # Databricks notebook source
            dbutils.widgets.text("n", "1")

            # COMMAND ----------

            dbutils.notebook.exit(str(int(dbutils.widgets.get("n")) * 2))

            # COMMAND ----------

            raise ValueError("never reached: exit ends the run")
            """;
    private static final String BROKEN = "# Databricks notebook source\nraise ValueError('child broke')\n";
    private static final String SLOW = "# Databricks notebook source\nimport time\ntime.sleep(600)\n";
    private static final String SCALA_PARENT = """
            // Databricks notebook source
            val doubled = dbutils.notebook.run("./child", 120, Map("n" -> "21"))
            """;
    private static final String PYTHON_PARENT = """
            # Databricks notebook source
            print("child said", dbutils.notebook.run("/Shared/dbu/child", 120, {"n": 5}))

            # COMMAND ----------

            try:
                dbutils.notebook.run("./broken", 120)
            except Exception as e:
                print("broken:", e)

            # COMMAND ----------

            try:
                dbutils.notebook.run("./slow", 3)
            except Exception as e:
                print("slow:", e)

            # COMMAND ----------

            # MAGIC %fs ls /dbu
            """;
    private static final String PARAMETERS = """
            # Databricks notebook source
            print("python sees " + dbutils.widgets.get("who"))

            # COMMAND ----------

            # MAGIC %scala
            # MAGIC println("scala sees " + dbutils.widgets.get("who"))
            """;

    @Inject
    private WorkspaceService workspace;
    @Inject
    private NotebookRunner runner;

    @Test
    public void spark35DbutilsFsNotebookRunAndWidgets() throws Exception {
        saveNotebooks();
        String id = create("dbutils", SPARK35);
        awaitRunning(id);

        pythonPutIsReadByTheDbfsApiAndSparkSql(id);
        childRunsFromScalaAndPython(id);
        parametersReachScalaAndPythonWidgets(id);
        theCallBackTakesOnlyAClusterSecret(id);

        assertEquals(200, post("/api/2.0/clusters/permanent-delete", admin, "{\"cluster_id\":\"" + id + "\"}")
                .status());
    }

    /** The Scala 2.13 line: a Scala child run with a Scala map of arguments, and Python's files read by SQL. */
    @Test
    public void spark40ScalaChildRunAndPythonFiles() throws Exception {
        saveNotebooks();
        String id = create("dbutils40", SPARK40);
        awaitRunning(id);

        NotebookRun scala = runner.run("/Shared/dbu/scala-parent", id, Map.of(), "admin");
        assertTrue(scala.cells().toString(), scala.cells().get(0).output().data().contains("doubled: String = 42"));
        String python = context(id, "python");
        JsonNode put = runCommand(id, python, "python", "dbutils.fs.put('/dbu40/x.csv', '1\\n2\\n', True)");
        assertEquals(put.toString(), "True", put.path("results").path("data").asText());
        assertEquals("2", sqlValue(id, "SELECT count(*) FROM csv.`dbfs:/dbu40/x.csv`"));
        JsonNode listed = runCommand(id, python, "fs", "ls /dbu40");
        assertEquals(listed.toString(), "x.csv", listed.path("results").path("data").path(0).path(1).asText());

        assertEquals(200, post("/api/2.0/clusters/permanent-delete", admin, "{\"cluster_id\":\"" + id + "\"}")
                .status());
    }

    private void saveNotebooks() {
        workspace.mkdirs("/Shared/dbu", "admin");
        save("/Shared/dbu/child", CHILD, NotebookLanguage.PYTHON);
        save("/Shared/dbu/broken", BROKEN, NotebookLanguage.PYTHON);
        save("/Shared/dbu/slow", SLOW, NotebookLanguage.PYTHON);
        save("/Shared/dbu/scala-parent", SCALA_PARENT, NotebookLanguage.SCALA);
        save("/Shared/dbu/python-parent", PYTHON_PARENT, NotebookLanguage.PYTHON);
        save("/Shared/dbu/parameters", PARAMETERS, NotebookLanguage.PYTHON);
    }

    private void pythonPutIsReadByTheDbfsApiAndSparkSql(String id) throws Exception {
        String python = context(id, "python");
        JsonNode put = runCommand(id, python, "python",
                "dbutils.fs.put('/dbu/people.csv', 'id,name\\n1,ann\\n2,bob\\n', True)");
        assertEquals(put.toString(), "True", put.path("results").path("data").asText());

        JsonNode read = get("/api/2.0/dbfs/read?path=/dbu/people.csv", admin).body();
        assertEquals("id,name\n1,ann\n2,bob\n",
                new String(Base64.getDecoder().decode(read.path("data").asText()), StandardCharsets.UTF_8));
        assertEquals("3", sqlValue(id, "SELECT count(*) FROM csv.`dbfs:/dbu/people.csv`"));

        JsonNode listed = runCommand(id, python, "python", "%fs ls /dbu");
        assertEquals(listed.toString(), "table", listed.path("results").path("resultType").asText());
        assertEquals("[\"dbfs:/dbu/people.csv\",\"people.csv\",20]",
                listed.path("results").path("data").path(0).toString().replaceAll(",\\d+]$", "]"));
        JsonNode missing = runCommand(id, python, "python", "dbutils.fs.ls('/dbu/none')");
        assertEquals("ExecutionError: java.io.FileNotFoundException: File dbfs:/dbu/none does not exist",
                missing.path("results").path("summary").asText());
    }

    private void childRunsFromScalaAndPython(String id) {
        NotebookRun scala = runner.run("/Shared/dbu/scala-parent", id, Map.of(), "admin");
        assertTrue(scala.cells().toString(), scala.succeeded());
        assertTrue(scala.cells().toString(), scala.cells().get(0).output().data().contains("doubled: String = 42"));

        NotebookRun python = runner.run("/Shared/dbu/python-parent", id, Map.of(), "admin");
        List<CellRun> cells = python.cells();
        assertTrue(cells.toString(), python.succeeded());
        assertEquals("child said 10", cells.get(0).output().data());
        assertTrue(cells.get(1).output().data(), cells.get(1).output().data().matches(
                "(?s)broken: .*WorkflowException: Notebook ./broken \\(run \\d+\\) FAILED: cell 0 of /Shared/dbu/broken"
                        + " ERROR: ValueError: child broke.*"));
        assertTrue(cells.get(2).output().data(), cells.get(2).output().data().contains("TIMEDOUT: Notebook "
                + "/Shared/dbu/slow did not finish within 3 s and was cancelled"));
        assertEquals("fs", cells.get(3).language());
        assertEquals("table", cells.get(3).output().type());
        assertTrue(cells.get(3).output().data(), cells.get(3).output().data().contains("dbfs:/dbu/people.csv"));
        NotebookRun child = runner.runs("/Shared/dbu/child", 5).get(0);
        assertEquals("the child stops at its exit", 2, child.cells().size());
        assertEquals(Map.of("n", "5"), child.parameters());
        await("the timed-out child's run to end and be stored", () -> !runner.runs("/Shared/dbu/slow", 1).isEmpty());
    }

    private void parametersReachScalaAndPythonWidgets(String id) throws Exception {
        Answer run = post("/api/2.0/notebooks/run", admin, "{\"path\":\"/Shared/dbu/parameters\",\"cluster_id\":\""
                + id + "\",\"parameters\":{\"who\":\"brickworks\"}}");
        assertEquals(run.body().toString(), "SUCCESS", run.body().path("result_state").asText());
        assertEquals("python sees brickworks", run.body().path("cells").path(0).path("output").path("data").asText());
        assertEquals("scala sees brickworks", run.body().path("cells").path(1).path("output").path("data").asText());
        String printed = shell("bw:nb-run /Shared/dbu/parameters " + id + " who=shell");
        assertTrue(printed, printed.contains("scala sees shell"));
    }

    private void theCallBackTakesOnlyAClusterSecret(String id) throws Exception {
        String body = "{\"contextId\":\"x\",\"path\":\"/Shared/dbu/child\"}";
        Answer userToken = post("/api/2.0/driver/notebook-run", admin, body);
        assertEquals(userToken.body().toString(), 401, userToken.status());
        assertEquals("UNAUTHENTICATED", userToken.errorCode());
        Answer none = send(request("/api/2.0/driver/notebook-run", null)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(401, none.status());

        String secret = Files.readAllLines(dataDirectory().resolve("clusters").resolve(id).resolve("secret")).get(0);
        Answer noPath = post("/api/2.0/driver/notebook-run", secret, "{\"contextId\":\"x\"}");
        assertEquals(noPath.body().toString(), 400, noPath.status());
        assertEquals("INVALID_PARAMETER_VALUE", noPath.errorCode());
        Answer unknown = post("/api/2.0/driver/notebook-run", secret,
                "{\"contextId\":\"x\",\"path\":\"/Shared/none\"}");
        assertEquals(unknown.body().toString(), 404, unknown.status());

        String python = context(id, "python");
        JsonNode relative = runCommand(id, python, "python", "dbutils.notebook.run('./child', 10)");
        assertTrue(relative.toString(), relative.path("results").path("summary").asText()
                .contains("The relative path ./child needs a notebook run to resolve against"));
        JsonNode absolute = runCommand(id, python, "python", "dbutils.notebook.run('/Shared/dbu/child', 60, {'n': 4})");
        assertEquals(absolute.toString(), "'8'", absolute.path("results").path("data").asText());

        JsonNode mount = runCommand(id, python, "python",
                "dbutils.fs.mount('wasbs://c@a.blob.core.windows.net', '/x')");
        assertEquals(mount.toString(), "ExecutionError: java.lang.IllegalArgumentException: Invalid mount point /x: "
                + "mount points are /mnt/<name>", mount.path("results").path("summary").asText());
        JsonNode unmount = runCommand(id, context(id, "scala"), "scala", "dbutils.fs.unmount(\"/mnt/none\")");
        assertTrue(unmount.toString(), unmount.path("results").path("summary").asText()
                .contains("IllegalArgumentException: Nothing is mounted at /mnt/none"));
    }

    private String context(String id, String language) throws Exception {
        Answer context = post("/api/1.2/contexts/create", admin,
                "{\"clusterId\":\"" + id + "\",\"language\":\"" + language + "\"}");
        assertEquals(context.body().toString(), 200, context.status());
        return context.body().path("id").asText();
    }

    private void save(String path, String source, NotebookLanguage language) {
        workspace.importObject(new ImportRequest(path, ExportFormat.SOURCE, language, true,
                source.getBytes(StandardCharsets.UTF_8)), "admin");
    }
}
