package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.brickworks.notebooks.api.NotebookRunner;
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
import org.osgi.framework.Bundle;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Notebook-scoped libraries on one real 15.4 cluster: two Scala contexts install commons-lang3 3.12.0 and 3.17.0 with
 * {@code %mvn install} (Maven Resolver, read through the local repository or from Maven Central) and each loads its
 * own; a cluster library (a jar from a file repository this test writes, a wheel from an index it serves) is seen by
 * every context; {@code %pip install} reaches one Python context only; failures are the command's error; a notebook
 * run takes {@code %mvn} cells; executors get the cluster's Python folders from the next start; the platform's bundles
 * never change.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NotebookLibrariesIT extends ClusterTestSupport {
    private static final String JAR_OF_STRING_UTILS = "classOf[org.apache.commons.lang3.StringUtils]"
            + ".getProtectionDomain.getCodeSource.getLocation.getPath";

    @Inject
    private WorkspaceService workspace;
    @Inject
    private NotebookRunner runner;

    @Test
    public void twoContextsUseTwoVersionsOfOneLibraryAndShareTheClusterLibraries() throws Exception {
        String bundlesBefore = bundles();
        MavenFileRepository repository = new MavenFileRepository(Files.createTempDirectory("repo"))
                .publishGreeter("bw.test:greeter:3.0", "cluster ");
        try (PypiIndex index = new PypiIndex(Files.createTempDirectory("pypi"))) {
            index.publish("bw-cluster", "1.0", "'cluster'").publish("bw-nb", "1.0", "'notebook'");
            String id = create("notebook-libraries");
            awaitRunning(id);
            String pythonBefore = context(id, "python");

            installOnCluster(id, "{\"maven\":{\"coordinates\":\"bw.test:greeter:3.0\",\"repo\":\"" + repository.url()
                    + "\"}},{\"pypi\":{\"package\":\"bw-cluster\",\"repo\":\"" + index.url() + "\"}}");
            String old = context(id, "scala");
            String current = context(id, "scala");
            String pythonAfter = context(id, "python");

            assertTrue(text(id, old, "scala", "%mvn install org.apache.commons:commons-lang3:3.12.0")
                    .contains("commons-lang3-3.12.0.jar"));
            assertTrue(text(id, current, "scala", "%mvn install org.apache.commons:commons-lang3:3.17.0")
                    .contains("commons-lang3-3.17.0.jar"));
            assertTrue(text(id, old, "scala", JAR_OF_STRING_UTILS).contains("commons-lang3-3.12.0.jar"));
            assertTrue(text(id, current, "scala", JAR_OF_STRING_UTILS).contains("commons-lang3-3.17.0.jar"));
            // SystemProperties is new in 3.13: only the 3.17 context has it.
            assertTrue(text(id, current, "scala", "org.apache.commons.lang3.SystemProperties.getJavaVersion")
                    .contains(System.getProperty("java.version")));
            JsonNode missing = runCommand(id, old, "scala", "org.apache.commons.lang3.SystemProperties.getJavaVersion");
            assertEquals(missing.toString(), "Error", missing.path("status").asText());
            for (String context : List.of(old, current)) {
                assertTrue(text(id, context, "scala", "bw.test.Greeter.greet(\"x\")").contains("cluster x"));
            }

            JsonNode unknown = runCommand(id, old, "scala",
                    "%mvn install bw.test:nothing:1.0 --repo " + repository.url());
            assertEquals(unknown.toString(), "Error", unknown.path("status").asText());
            assertTrue(unknown.toString(), unknown.at("/results/summary").asText().contains("bw.test:nothing"));
            assertTrue(text(id, old, "scala", JAR_OF_STRING_UTILS).contains("commons-lang3-3.12.0.jar"));

            assertTrue(text(id, pythonBefore, "python", "%pip install bw-nb --index-url " + index.url())
                    .contains("bw-nb"));
            assertEquals("'notebook'", text(id, pythonBefore, "python", "import bw_nb\nbw_nb.VALUE"));
            JsonNode notThere = runCommand(id, pythonAfter, "python", "import bw_nb");
            assertTrue(notThere.toString(), notThere.at("/results/summary").asText().contains("ModuleNotFoundError"));
            JsonNode pipFailure = runCommand(id, pythonAfter, "python",
                    "%pip install bw-nb==9 --index-url " + index.url());
            assertEquals(pipFailure.toString(), "Error", pipFailure.path("status").asText());
            assertTrue(pipFailure.toString(), pipFailure.at("/results/summary").asText()
                    .contains("No matching distribution"));
            for (String context : List.of(pythonBefore, pythonAfter)) {
                assertEquals("'cluster'", text(id, context, "python", "import bw_cluster\nbw_cluster.VALUE"));
            }

            workspace.mkdirs("/Shared/libs", "admin");
            workspace.importObject(new ImportRequest("/Shared/libs/lang3", ExportFormat.SOURCE, NotebookLanguage.SCALA,
                    true, ("// Databricks notebook source\n"
                            + "// MAGIC %mvn install org.apache.commons:commons-lang3:3.17.0\n\n// COMMAND ----------\n\norg.apache.commons.lang3.SystemProperties.getJavaVersion\n")
                            .getBytes(StandardCharsets.UTF_8)),
                    "admin");
            NotebookRun run = runner.run("/Shared/libs/lang3", id, Map.of(), "admin");
            assertTrue(run.cells().toString(), run.succeeded());
            assertEquals("mvn", run.cells().get(0).language());
            assertTrue(run.cells().toString(), run.cells().get(1).output().data()
                    .contains(System.getProperty("java.version")));

            // Executors start with the application: the cluster's PyPI folders are on their path from the next start.
            String pythonSet = text(id, pythonBefore, "python",
                    "import bw_cluster, os\nos.path.dirname(os.path.dirname(bw_cluster.__file__))").replace("'", "");
            assertEquals(200, post("/api/2.0/clusters/restart", admin, "{\"cluster_id\":\"" + id + "\"}").status());
            awaitRunning(id);
            JsonNode executorPath = runCommand(id, sqlContext(id), "SET spark.executorEnv.PYTHONPATH");
            assertEquals(executorPath.toString(), pythonSet, executorPath.at("/results/data/0/1").asText());

            assertEquals(bundlesBefore, bundles());
            // The framework's own loader is the test JVM's classpath (Maven's test dependencies), not the platform's.
            for (Bundle bundle : Arrays.stream(context.getBundles()).filter(b -> b.getBundleId() != 0).toList()) {
                assertFalse(bundle.getSymbolicName(), loads(bundle, "org.apache.commons.lang3.SystemProperties"));
                assertFalse(bundle.getSymbolicName(), loads(bundle, "bw.test.Greeter"));
            }
            assertEquals(200, post("/api/2.0/clusters/permanent-delete", admin, "{\"cluster_id\":\"" + id + "\"}")
                    .status());
        }
    }

    private void installOnCluster(String id, String libraries) throws Exception {
        Answer installed = post("/api/2.0/libraries/install", admin,
                "{\"cluster_id\":\"" + id + "\",\"libraries\":[" + libraries + "]}");
        assertEquals(installed.body().toString(), 200, installed.status());
        await("cluster libraries INSTALLED", () -> {
            try {
                JsonNode statuses = get("/api/2.0/libraries/cluster-status?cluster_id=" + id, admin).body()
                        .path("library_statuses");
                return statuses.size() == 2 && statuses.toString().split("\"INSTALLED\"", -1).length == 3;
            } catch (Exception e) {
                return false;
            }
        });
    }

    private String context(String id, String language) throws Exception {
        Answer context = post("/api/1.2/contexts/create", admin,
                "{\"clusterId\":\"" + id + "\",\"language\":\"" + language + "\"}");
        assertEquals(context.body().toString(), 200, context.status());
        return context.body().path("id").asText();
    }

    /** Runs a command that must finish; its text result. */
    private String text(String id, String context, String language, String command) throws Exception {
        JsonNode result = runCommand(id, context, language, command);
        assertEquals(result.toString(), "Finished", result.path("status").asText());
        return result.at("/results/data").asText();
    }

    private String bundles() {
        return String.join("\n", Arrays.stream(context.getBundles())
                .map(b -> b.getBundleId() + " " + b.getSymbolicName() + " " + b.getVersion()).toList());
    }

    private static boolean loads(Bundle bundle, String className) {
        try {
            bundle.loadClass(className);
            return true;
        } catch (ClassNotFoundException | IllegalStateException e) {
            return false;
        }
    }
}
