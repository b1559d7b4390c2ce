package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.brickworks.execution.api.CellLanguage;
import org.brickworks.execution.api.dto.CommandResult;
import org.brickworks.execution.api.dto.TextResult;
import org.brickworks.notebooks.api.NotebookRunner;
import org.brickworks.notebooks.api.dto.CellOutput;
import org.brickworks.notebooks.api.dto.CellRun;
import org.brickworks.notebooks.api.dto.CellStatus;
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
import org.osgi.framework.ServiceRegistration;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whole-notebook runs on a real cluster (one driver for the class): SQL cells in one context, a temp view made by a
 * {@code %run} notebook seen by the next cell, markdown rendered on the platform, widget parameters, the run stopping
 * at the first failing cell, {@code %run} cycles and unknown magic commands as cell errors, outputs stored with the
 * revision, and bw:nb-run printing it all; then cells run one call at a time in the notebook's attached context.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NotebookRunIT extends ClusterTestSupport {
    private static final String SETUP = """
            -- Databricks notebook source
            CREATE OR REPLACE TEMP VIEW sales AS
            SELECT * FROM VALUES ('2024-01-01', 10), ('2024-01-01', 5), ('2024-01-02', 7) AS t(day, amount)
            """;
    private static final String MAIN = """
            -- Databricks notebook source
            -- MAGIC %md
            -- MAGIC # Sales report
            -- MAGIC Totals **per day**.

            -- COMMAND ----------

            -- MAGIC %run ./includes/setup

            -- COMMAND ----------

            -- DBTITLE 1,Totals
            SELECT day, sum(amount) AS total FROM sales GROUP BY day ORDER BY day

            -- COMMAND ----------

            SELECT '${day}' AS chosen_day
            """;
    private static final String FAILING_TAIL = "\n\n-- COMMAND ----------\n\nSELECT * FROM no_such_table"
            + "\n\n-- COMMAND ----------\n\nSELECT 1 AS never\n";

    private static final String CELLS = """
            -- Databricks notebook source
            CREATE OR REPLACE TEMP VIEW picked AS SELECT 41 AS n

            -- COMMAND ----------

            SELECT n + 1 AS answer FROM picked

            -- COMMAND ----------

            -- MAGIC %python
            -- MAGIC counter = 10

            -- COMMAND ----------

            -- MAGIC %python
            -- MAGIC counter + 1

            -- COMMAND ----------

            -- MAGIC %python
            -- MAGIC print('x' * (100 * 1024 * 1024))
            """;

    @Inject
    private WorkspaceService workspace;
    @Inject
    private NotebookRunner runner;

    @Test
    public void runsSqlMarkdownAndRunCellsInOneContextAndStopsAtTheFirstError() throws Exception {
        workspace.mkdirs("/Shared/nb/includes", "admin");
        save("/Shared/nb/includes/setup", SETUP);
        save("/Shared/nb/main", MAIN);
        save("/Shared/nb/failing", MAIN.stripTrailing() + FAILING_TAIL);
        save("/Shared/nb/a", "-- Databricks notebook source\n-- MAGIC %run ./b\n");
        save("/Shared/nb/b", "-- Databricks notebook source\nSELECT 1\n\n-- COMMAND ----------\n\n-- MAGIC %run ./a\n");
        save("/Shared/nb/magic",
                "-- Databricks notebook source\n-- MAGIC %conda list\n\n-- COMMAND ----------\n\nSELECT 1\n");
        String id = create("notebooks");
        awaitRunning(id);

        NotebookRun run = runner.run("/Shared/nb/main", id, Map.of("day", "2024-01-02"), "admin");
        List<CellRun> cells = run.cells();
        assertTrue(cells.toString(), run.succeeded());
        assertEquals(cells.toString(), 5, cells.size());
        assertEquals("md", cells.get(0).language());
        assertEquals("html", cells.get(0).output().type());
        assertTrue(cells.get(0).output().data(), cells.get(0).output().data().contains("<h1>Sales report</h1>"));
        assertEquals("run", cells.get(1).language());
        assertEquals("/Shared/nb/includes/setup", cells.get(2).notebookPath());
        assertEquals("Totals", cells.get(3).title());
        assertEquals("table", cells.get(3).output().type());
        JsonTable totals = JsonTable.of(cells.get(3).output().data());
        assertEquals("[[\"2024-01-01\",15],[\"2024-01-02\",7]]", totals.data());
        assertEquals("[[\"2024-01-02\"]]", JsonTable.of(cells.get(4).output().data()).data());
        assertTrue(cells.get(3).durationMillis() >= 0 && cells.get(3).startTime() >= run.startTime());
        assertEquals(workspace.notebook("/Shared/nb/main").revisionId(), run.revisionId());

        List<NotebookRun> stored = runner.runs("/Shared/nb/main", 5);
        assertEquals(1, stored.size());
        assertEquals(run.runId(), stored.get(0).runId());
        assertEquals(cells, stored.get(0).cells());

        Answer viaRest = post("/api/2.0/notebooks/run", admin, "{\"path\":\"/Shared/nb/main\",\"cluster_id\":\"" + id
                + "\",\"parameters\":{\"day\":\"2024-01-01\"}}");
        assertEquals(viaRest.body().toString(), 200, viaRest.status());
        assertEquals("SUCCESS", viaRest.body().path("result_state").asText());
        assertEquals("Totals", viaRest.body().path("cells").path(3).path("title").asText());
        assertEquals("[[\"2024-01-01\"]]", JsonTable.of(viaRest.body().path("cells").path(4).path("output")
                .path("data").asText()).data());
        JsonNode runs = get("/api/2.0/notebooks/runs?limit=1&path=/Shared/nb/main", admin).body().path("runs");
        assertEquals(runs.toString(), 1, runs.size());
        assertEquals(viaRest.body().path("run_id").asLong(), runs.path(0).path("run_id").asLong());
        Answer unknownCluster = post("/api/2.0/notebooks/run", admin,
                "{\"path\":\"/Shared/nb/main\",\"cluster_id\":\"nope\"}");
        assertEquals(404, unknownCluster.status());
        assertEquals("RESOURCE_DOES_NOT_EXIST", unknownCluster.errorCode());

        String failure = failure("bw:nb-run /Shared/nb/failing " + id + " day=2024-01-01");
        assertTrue(failure,
                failure.matches("(?s).*\n3 Totals +sql +FINISHED +\\d+ ms +2 rows: \\[\"2024-01-01\",15\\].*"));
        assertTrue(failure, failure.matches("(?s).*\n5 +sql +ERROR +\\d+ ms +.*TABLE_OR_VIEW_NOT_FOUND.*"));
        assertTrue(failure, failure.matches("(?s).*\n6 +sql +SKIPPED +-\\s.*"));
        assertTrue(failure, failure.contains("Cell 5 (sql) failed: "));
        NotebookRun failed = runner.runs("/Shared/nb/failing", 1).get(0);
        assertEquals(CellStatus.ERROR, failed.cells().get(5).status());
        assertEquals(CellStatus.SKIPPED, failed.cells().get(6).status());
        assertFalse(failed.succeeded());

        NotebookRun cycle = runner.run("/Shared/nb/a", id, Map.of(), "admin");
        CellRun inner = cycle.cells().stream().filter(c -> c.output().data().contains("cycle")).findFirst()
                .orElseThrow(() -> new AssertionError(cycle.cells().toString()));
        assertEquals(CellStatus.ERROR, inner.status());
        assertTrue(inner.output().data(),
                inner.output().data().contains("/Shared/nb/a -> /Shared/nb/b -> /Shared/nb/a"));

        NotebookRun magic = runner.run("/Shared/nb/magic", id, Map.of(), "admin");
        assertEquals(CellStatus.ERROR, magic.cells().get(0).status());
        assertTrue(magic.cells().get(0).output().data().contains("Unknown magic command %conda"));
        assertEquals(CellStatus.SKIPPED, magic.cells().get(1).status());

        runsShCellsOnlyWhileAnShLanguageIsInstalled(id);

        String printed = shell("bw:nb-run /Shared/nb/main " + id + " day=2024-01-01");
        assertTrue(printed, printed.contains("FINISHED in"));
        assertTrue(printed, printed.matches("(?s).*\n1 +md +FINISHED +\\d+ ms +Sales report Totals per day.*"));
        assertEquals("Cluster nope does not exist", failure("bw:nb-run /Shared/nb/main nope"));
        assertEquals("Path (/Shared/nb/none) doesn't exist.", failure("bw:nb-run /Shared/nb/none " + id));
        runsCellsOneByOneInTheAttachedContext(id);
        assertEquals(200, post("/api/2.0/clusters/delete", admin, "{\"cluster_id\":\"" + id + "\"}").status());
        await("cluster " + id + " to terminate", () -> "TERMINATED".equals(state(id)));
    }

    /**
     * The cell languages are the registry's: {@code %sh} is an unknown magic naming the installed languages until a
     * plugin registers {@code sh} (here a platform language of the test's), then notebooks and the API 1.2 run it.
     */
    private void runsShCellsOnlyWhileAnShLanguageIsInstalled(String id) throws Exception {
        save("/Shared/nb/sh", "-- Databricks notebook source\n-- MAGIC %sh\n-- MAGIC echo hi\n");
        CellRun without = runner.run("/Shared/nb/sh", id, Map.of(), "admin").cells().get(0);
        assertEquals(CellStatus.ERROR, without.status());
        assertEquals("Unknown magic command %sh; cells take %run, %pip, %mvn and the installed languages: %fs, %md,"
                + " %python, %r, %scala, %sql", without.output().data());
        String contextId = sqlContext(id);
        String execute = "{\"clusterId\":\"" + id + "\",\"contextId\":\"" + contextId
                + "\",\"language\":\"sh\",\"command\":\"echo hi\"}";
        Answer refused = post("/api/1.2/commands/execute", admin, execute);
        assertEquals(refused.body().toString(), "INVALID_PARAMETER_VALUE", refused.errorCode());
        assertTrue(refused.body().toString(), refused.body().path("message").asText().contains("fs, md, python"));

        ServiceRegistration<CellLanguage> sh = context.registerService(CellLanguage.class, new EchoLanguage(),
                new Hashtable<>(Map.of(CellLanguage.NAME_PROPERTY, "sh")));
        try {
            CellRun with = runner.run("/Shared/nb/sh", id, Map.of(), "admin").cells().get(0);
            assertEquals(with.output().data(), CellStatus.FINISHED, with.status());
            assertEquals("echo hi", with.output().data());
            JsonNode result = runCommand(id, contextId, "sh", "echo api");
            assertEquals(result.toString(), "Finished", result.path("status").asText());
            assertEquals(result.toString(), "echo api", result.path("results").path("data").asText());
        } finally {
            sh.unregister();
        }
    }

    /** A platform language of the test: its result is the command. */
    private static final class EchoLanguage implements CellLanguage {
        @Override
        public String description() {
            return "Echoes the command";
        }

        @Override
        public Placement placement() {
            return Placement.PLATFORM;
        }

        @Override
        public CommandResult run(String command, Map<String, String> parameters) {
            return TextResult.of(command);
        }
    }

    /** "Run cell": cells of an attached notebook, one call each, share one context that outlives the calls. */
    private void runsCellsOneByOneInTheAttachedContext(String id) throws Exception {
        save("/Shared/nb/cells", CELLS);
        long revision = workspace.notebook("/Shared/nb/cells").revisionId();

        NotebookRun first = runner.runCells("/Shared/nb/cells", id, 0, 0, Map.of(), "admin");
        Answer second = post("/api/2.0/notebooks/run", admin,
                "{\"path\":\"/Shared/nb/cells\",\"cluster_id\":\"" + id + "\",\"cell_index\":1}");
        String pythonCells = shell("bw:nb-run --cell 3-4 /Shared/nb/cells " + id);

        assertTrue(first.cells().toString(), first.succeeded());
        assertEquals(1, first.cells().size());
        assertEquals(revision, first.revisionId());
        assertEquals(second.body().toString(), 200, second.status());
        assertEquals("SUCCESS", second.body().path("result_state").asText());
        assertEquals(1, second.body().path("cells").path(0).path("cell_index").asInt());
        assertEquals("[[42]]", JsonTable.of(second.body().path("cells").path(0).path("output").path("data").asText())
                .data());
        assertTrue(pythonCells, pythonCells.matches("(?s).*\n4 +python +FINISHED +\\d+ ms +11\\s.*"));
        List<NotebookRun> stored = runner.runs("/Shared/nb/cells", 5);
        assertEquals(3, stored.size());
        assertEquals(revision, stored.get(1).revisionId());
        assertEquals(second.body().path("run_id").asLong(), stored.get(1).runId());
        assertEquals("[[42]]", JsonTable.of(stored.get(1).cells().get(0).output().data()).data());

        NotebookRun huge = runner.runCells("/Shared/nb/cells", id, 4, 4, Map.of(), "admin");
        CellOutput printed = huge.cells().get(0).output();
        assertEquals(printed.data().lines().findFirst().orElse(""), CellStatus.FINISHED, huge.cells().get(0).status());
        assertTrue(printed.truncated());
        assertEquals(NotebookRunner.MAX_OUTPUT_CHARS, printed.data().length());
        assertEquals("[[42]]", JsonTable.of(runner.runCells("/Shared/nb/cells", id, 1, 1, Map.of(), "admin").cells()
                .get(0).output().data()).data());

        Answer outOfRange = post("/api/2.0/notebooks/run", admin,
                "{\"path\":\"/Shared/nb/cells\",\"cluster_id\":\"" + id + "\",\"cell_index\":5}");
        assertEquals(outOfRange.body().toString(), 400, outOfRange.status());
        assertEquals("INVALID_PARAMETER_VALUE", outOfRange.errorCode());
        assertTrue(outOfRange.body().toString(), outOfRange.body().path("message").asText().contains("has 5 cells"));
        Answer toWithoutFrom = post("/api/2.0/notebooks/run", admin,
                "{\"path\":\"/Shared/nb/cells\",\"cluster_id\":\"" + id + "\",\"to_cell_index\":1}");
        assertEquals(toWithoutFrom.body().toString(), 400, toWithoutFrom.status());
        Answer missing = post("/api/2.0/notebooks/run", admin,
                "{\"path\":\"/Shared/nb/none\",\"cluster_id\":\"" + id + "\",\"cell_index\":0}");
        assertEquals(404, missing.status());
        assertEquals("--cell takes a cell number N or a range N-M (from 1), got x",
                failure("bw:nb-run --cell x /Shared/nb/cells " + id));
        assertEquals(5, runner.runs("/Shared/nb/cells", 10).size());

        Answer detached = post("/api/2.0/notebooks/detach", admin, "{\"path\":\"/Shared/nb/cells\"}");
        assertTrue(detached.body().toString(), detached.body().path("detached").asBoolean());
        NotebookRun fresh = runner.runCells("/Shared/nb/cells", id, 1, 1, Map.of(), "admin");
        assertEquals(CellStatus.ERROR, fresh.cells().get(0).status());
        assertTrue(fresh.cells().get(0).output().data(),
                fresh.cells().get(0).output().data().contains("TABLE_OR_VIEW_NOT_FOUND"));
        assertEquals(List.of(0, 1), runner.runCells("/Shared/nb/cells", id, 0, 1, Map.of(), "admin").cells()
                .stream().map(CellRun::cellIndex).toList());
        assertEquals("Detached /Shared/nb/cells", shell("bw:nb-detach /Shared/nb/cells").strip());
        assertEquals("/Shared/nb/cells was not attached", shell("bw:nb-detach /Shared/nb/cells").strip());
    }

    private void save(String path, String source) {
        workspace.importObject(new ImportRequest(path, ExportFormat.SOURCE, NotebookLanguage.SQL, true,
                source.getBytes(StandardCharsets.UTF_8)), "admin");
    }

    /** The data rows of a table output. */
    private record JsonTable(String data) {
        static JsonTable of(String json) throws Exception {
            return new JsonTable(JSON.readTree(json).path("data").toString());
        }
    }
}
