package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import javax.inject.Inject;

import org.brickworks.notebooks.api.NotebookRunner;
import org.brickworks.notebooks.api.dto.CellStatus;
import org.brickworks.notebooks.api.dto.NotebookRun;
import org.brickworks.workspace.api.WorkspaceService;
import org.brickworks.workspace.api.dto.ExportFormat;
import org.brickworks.workspace.api.dto.ImportRequest;
import org.brickworks.workspace.api.dto.NotebookLanguage;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A cell that does not end within the configured cell timeout ({@code etc/org.brickworks.notebooks.cfg}) is cancelled
 * on the cluster and fails the run; the cluster runs the next notebook at once.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NotebookTimeoutIT extends ClusterTestSupport {
    @Inject
    private WorkspaceService workspace;
    @Inject
    private NotebookRunner runner;

    @Override
    @Configuration
    public Option[] config() {
        return new Option[] {
                PlatformOptions.platform(Map.of("org.brickworks.notebooks.cfg", "cellTimeoutSeconds=5\n")) };
    }

    @Test
    public void aCellThatNeverEndsIsCancelledAndTheClusterStaysUsable() throws Exception {
        workspace.mkdirs("/Shared/slow", "admin");
        save("/Shared/slow/forever",
                "-- Databricks notebook source\nSELECT sum(hash(id)) FROM range(0, 1000000000000)\n"
                        + "\n-- COMMAND ----------\n\nSELECT 1\n");
        save("/Shared/slow/quick", "-- Databricks notebook source\nSELECT 40 + 2 AS answer\n");
        String id = create("slow");
        awaitRunning(id);

        long start = System.nanoTime();
        NotebookRun slow = runner.run("/Shared/slow/forever", id, Map.of(), "admin");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertEquals(slow.cells().toString(), CellStatus.ERROR, slow.cells().get(0).status());
        assertTrue(slow.cells().get(0).output().data(),
                slow.cells().get(0).output().data().contains("did not finish within 5 s"));
        assertEquals(CellStatus.SKIPPED, slow.cells().get(1).status());
        assertTrue("the run ended soon after the timeout: " + seconds + " s", seconds < 30);

        NotebookRun quick = runner.run("/Shared/slow/quick", id, Map.of(), "admin");
        assertTrue(quick.cells().toString(), quick.succeeded());
        assertTrue(quick.cells().get(0).output().data(), quick.cells().get(0).output().data().contains("[[42]]"));
        assertEquals(200, post("/api/2.0/clusters/delete", admin, "{\"cluster_id\":\"" + id + "\"}").status());
        await("cluster " + id + " to terminate", () -> "TERMINATED".equals(state(id)));
    }

    private void save(String path, String source) {
        workspace.importObject(new ImportRequest(path, ExportFormat.SOURCE, NotebookLanguage.SQL, true,
                source.getBytes(StandardCharsets.UTF_8)), "admin");
    }
}
