package org.brickworks.tests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Workspace API 2.0 over real HTTP and the bw:ws-* shell commands: Databricks SOURCE exports import and export back
 * byte for byte, Jupyter exports are valid nbformat 4 (checked by Python's nbformat), errors carry Databricks' codes,
 * every save is a revision that can be restored.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WorkspaceIT extends PlatformTestSupport {

    @Test
    public void sourceNotebooksImportAndExportBackByteForByte() throws Exception {
        mkdirs("/Users/admin/roundtrip");
        String[][] notebooks = { { "sales.py", "PYTHON" }, { "etl.scala", "SCALA" }, { "report.sql", "SQL" },
                { "analysis.r", "R" } };
        for (String[] notebook : notebooks) {
            byte[] source = resource(notebook[0]);
            String path = "/Users/admin/roundtrip/" + notebook[0].substring(0, notebook[0].indexOf('.'));
            Answer imported = importNotebook(path, "SOURCE", notebook[1], source, false);
            assertEquals(imported.body().toString(), 200, imported.status());

            Answer exported = get("/api/2.0/workspace/export?format=SOURCE&path=" + path, admin);
            assertEquals(exported.body().toString(), 200, exported.status());
            assertArrayEquals(notebook[0], source,
                    Base64.getDecoder().decode(exported.body().path("content").asText()));
            assertEquals(notebook[0].substring(notebook[0].indexOf('.') + 1),
                    exported.body().path("file_type").asText());
            HttpResponse<byte[]> direct = HTTP.send(
                    request("/api/2.0/workspace/export?direct_download=true&path=" + path, admin).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, direct.statusCode());
            assertArrayEquals(notebook[0] + " downloaded", source, direct.body());

            JsonNode status = get("/api/2.0/workspace/get-status?path=" + path, admin).body();
            assertEquals("NOTEBOOK", status.path("object_type").asText());
            assertEquals(notebook[1], status.path("language").asText());
            assertEquals(path, status.path("path").asText());
            assertTrue(status.toString(), status.path("object_id").asLong() > 0);
            assertTrue(status.path("created_at").asLong() > 0);
            assertTrue(status.path("modified_at").asLong() >= status.path("created_at").asLong());
        }
        JsonNode objects = get("/api/2.0/workspace/list?path=/Users/admin/roundtrip", admin).body().path("objects");
        assertEquals(objects.toString(), 4, objects.size());

        Answer auto = importNotebook("/Users/admin/roundtrip/auto.scala", "AUTO", null, resource("etl.scala"), false);
        assertEquals(auto.body().toString(), 200, auto.status());
        JsonNode autoStatus = get("/api/2.0/workspace/get-status?path=/Users/admin/roundtrip/auto", admin).body();
        assertEquals("the extension goes, as in Databricks", "SCALA", autoStatus.path("language").asText());
        Answer file = importNotebook("/Users/admin/roundtrip/data.csv", "AUTO", null,
                "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), false);
        assertEquals(file.body().toString(), 200, file.status());
        JsonNode fileStatus = get("/api/2.0/workspace/get-status?path=/Users/admin/roundtrip/data.csv", admin).body();
        assertEquals("FILE", fileStatus.path("object_type").asText());
        assertEquals(8, fileStatus.path("size").asInt());
        assertEquals("a,b\n1,2\n", new String(Base64.getDecoder().decode(
                get("/api/2.0/workspace/export?path=/Users/admin/roundtrip/data.csv", admin).body().path("content")
                        .asText()),
                StandardCharsets.UTF_8));
    }

    /** The issue's benchmark: import and export of a 200-cell SOURCE notebook over REST, timed, byte-identical. */
    @Test
    public void aTwoHundredCellNotebookRoundTripsQuickly() throws Exception {
        StringBuilder text = new StringBuilder("# Databricks notebook source\n");
        for (int i = 0; i < 200; i++) {
            text.append(i == 0 ? "" : "\n\n# COMMAND ----------\n\n");
            text.append(switch (i % 4) {
            case 0 -> "# MAGIC %sql\n# MAGIC SELECT " + i + " AS n\n# MAGIC FROM range(10)";
            case 1 -> "# DBTITLE 1,Cell " + i + "\ndf" + i + " = spark.range(" + i + ")\ndisplay(df" + i + ")";
            case 2 -> "# MAGIC %md\n# MAGIC ## Part " + i + "\n# MAGIC\n# MAGIC Some *text* for cell " + i + ".";
            default -> "for x in range(" + i + "):\n    print(x)";
            });
        }
        byte[] source = text.append('\n').toString().getBytes(StandardCharsets.UTF_8);
        mkdirs("/Shared/bench");
        importNotebook("/Shared/bench/warmup", "SOURCE", "PYTHON", source, true);
        get("/api/2.0/workspace/export?path=/Shared/bench/warmup", admin);
        long[] importNanos = new long[5];
        long[] exportNanos = new long[5];
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            assertEquals(200, importNotebook("/Shared/bench/big", "SOURCE", "PYTHON", source, true).status());
            long imported = System.nanoTime();
            assertArrayEquals(source, export("/Shared/bench/big"));
            importNanos[i] = imported - start;
            exportNanos[i] = System.nanoTime() - imported;
        }
        Arrays.sort(importNanos);
        Arrays.sort(exportNanos);
        System.out.printf("200-cell SOURCE notebook (%d bytes): import median %.1f ms, export median %.1f ms,"
                + " byte-identical%n", source.length, importNanos[2] / 1e6, exportNanos[2] / 1e6);
        assertEquals(5, get("/api/2.0/workspace/revisions?path=/Shared/bench/big", admin).body().path("revisions")
                .size());
    }

    @Test
    public void jupyterExportIsValidNbformat4WithDatabricksMetadataAndImportsBack() throws Exception {
        mkdirs("/Shared/jupyter");
        importNotebook("/Shared/jupyter/sales", "SOURCE", "PYTHON", resource("sales.py"), false);

        Answer exported = get("/api/2.0/workspace/export?format=JUPYTER&path=/Shared/jupyter/sales", admin);
        assertEquals(exported.body().toString(), 200, exported.status());
        assertEquals("ipynb", exported.body().path("file_type").asText());
        byte[] ipynb = Base64.getDecoder().decode(exported.body().path("content").asText());
        String checked = python("import nbformat, sys\n"
                + "nb = nbformat.reads(sys.stdin.read(), as_version=4)\n"
                + "nbformat.validate(nb)\n"
                + "meta = nb.metadata['application/vnd.databricks.v1+notebook']\n"
                + "titles = [c.metadata['application/vnd.databricks.v1+cell']['title'] for c in nb.cells]\n"
                + "print(meta['language'], meta['notebookName'], len(nb.cells), nb.cells[0].cell_type,"
                + " nb.cells[3].source.splitlines()[0], titles[2], sep='|')\n", ipynb);
        assertEquals("python|sales|8|markdown|%sql|Load the table", checked.strip());

        Answer back = importNotebook("/Shared/jupyter/again", "JUPYTER", null, ipynb, false);
        assertEquals(back.body().toString(), 200, back.status());
        JsonNode status = get("/api/2.0/workspace/get-status?path=/Shared/jupyter/again", admin).body();
        assertEquals("PYTHON", status.path("language").asText());
        String source = new String(Base64.getDecoder().decode(
                get("/api/2.0/workspace/export?path=/Shared/jupyter/again", admin).body().path("content").asText()),
                StandardCharsets.UTF_8);
        assertTrue(source, source.startsWith("# Databricks notebook source\n# MAGIC %md\n# MAGIC # Sales report\n"));
        assertTrue(source, source.contains("# DBTITLE 1,Totals per day\n# MAGIC %sql\n"));
    }

    @Test
    public void theAdminHasAHomeFolderAndSharedExists() throws Exception {
        await("the admin's home folder", () -> {
            try {
                return get("/api/2.0/workspace/get-status?path=/Users/admin", admin).status() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        JsonNode home = get("/api/2.0/workspace/get-status?path=/Users/admin", admin).body();
        assertEquals("DIRECTORY", home.path("object_type").asText());
        assertEquals(200, get("/api/2.0/workspace/get-status?path=/Shared", admin).status());
    }

    @Test
    public void badRequestsAnswerDatabricksErrorCodesAndChangeNothing() throws Exception {
        mkdirs("/Shared/errors");
        importNotebook("/Shared/errors/nb", "SOURCE", "PYTHON", resource("sales.py"), false);

        Answer badBase64 = post("/api/2.0/workspace/import", admin,
                "{\"path\":\"/Shared/errors/x\",\"format\":\"SOURCE\",\"language\":\"PYTHON\",\"content\":\"%%%\"}");
        assertError(badBase64, 400, "INVALID_PARAMETER_VALUE", "base64");
        assertError(importNotebook("/Shared/errors/x", "WORD", "PYTHON", new byte[] { 'x' }, false), 400,
                "INVALID_PARAMETER_VALUE", "format");
        assertError(importNotebook("/Shared/errors/x", "SOURCE", "COBOL", new byte[] { 'x' }, false), 400,
                "INVALID_PARAMETER_VALUE", "language");
        assertError(importNotebook("/Shared/errors/x", "SOURCE", null, new byte[] { 'x' }, false), 400,
                "INVALID_PARAMETER_VALUE", "language");
        assertError(importNotebook("/Shared/errors/nb", "SOURCE", "PYTHON", new byte[] { 'x' }, false), 409,
                "RESOURCE_ALREADY_EXISTS", "already exists");
        assertError(importNotebook("/Shared/nowhere/x", "SOURCE", "PYTHON", new byte[] { 'x' }, false), 404,
                "RESOURCE_DOES_NOT_EXIST", "parent folder");
        assertError(importNotebook("/Shared/../../etc/passwd", "SOURCE", "PYTHON", new byte[] { 'x' }, false), 400,
                "INVALID_PARAMETER_VALUE", "..");
        assertError(importNotebook("relative/x", "SOURCE", "PYTHON", new byte[] { 'x' }, false), 400,
                "INVALID_PARAMETER_VALUE", "absolute");
        assertError(importNotebook("/Shared/errors/j", "JUPYTER", null, "{\"cells\": 1}".getBytes(), false), 400,
                "INVALID_PARAMETER_VALUE", "Jupyter");
        assertError(get("/api/2.0/workspace/get-status?path=/Shared/errors/missing", admin), 404,
                "RESOURCE_DOES_NOT_EXIST", "/Shared/errors/missing");
        assertError(get("/api/2.0/workspace/export?path=/Shared/errors", admin), 400, "INVALID_PARAMETER_VALUE",
                "folder");
        assertError(get("/api/2.0/workspace/export?format=HTML&path=/Shared/errors/nb", admin), 400,
                "INVALID_PARAMETER_VALUE", "HTML");
        assertError(post("/api/2.0/workspace/delete", admin, "{\"path\":\"/Shared/errors\"}"), 400,
                "DIRECTORY_NOT_EMPTY", "not empty");
        assertError(post("/api/2.0/workspace/mkdirs", admin, "{\"path\":\"/Shared/errors/nb/sub\"}"), 409,
                "RESOURCE_ALREADY_EXISTS", "notebook");
        assertEquals(1, get("/api/2.0/workspace/list?path=/Shared/errors", admin).body().path("objects").size());
        assertEquals(401, get("/api/2.0/workspace/list?path=/", null).status());

        assertEquals(200, post("/api/2.0/workspace/delete", admin,
                "{\"path\":\"/Shared/errors\",\"recursive\":true}").status());
        assertError(get("/api/2.0/workspace/get-status?path=/Shared/errors/nb", admin), 404,
                "RESOURCE_DOES_NOT_EXIST", "doesn't exist");
        assertFalse(get("/api/2.0/workspace/list?path=/Shared", admin).body().toString().contains("errors"));
    }

    @Test
    public void everySaveIsARevisionAndARestoreBringsAnOldOneBack() throws Exception {
        mkdirs("/Shared/revisions");
        byte[] first = resource("report.sql");
        byte[] second = "-- Databricks notebook source\nSELECT 2\n".getBytes(StandardCharsets.UTF_8);
        importNotebook("/Shared/revisions/report", "SOURCE", "SQL", first, false);
        long objectId = get("/api/2.0/workspace/get-status?path=/Shared/revisions/report", admin).body()
                .path("object_id").asLong();
        assertEquals(200, importNotebook("/Shared/revisions/report", "SOURCE", "SQL", second, true).status());

        JsonNode revisions = get("/api/2.0/workspace/revisions?path=/Shared/revisions/report", admin).body()
                .path("revisions");
        assertEquals(revisions.toString(), 2, revisions.size());
        assertEquals("OVERWRITE", revisions.path(0).path("reason").asText());
        assertEquals("IMPORT", revisions.path(1).path("reason").asText());
        assertEquals("admin", revisions.path(1).path("author").asText());
        assertEquals(3, revisions.path(1).path("cell_count").asInt());
        assertArrayEquals(second, export("/Shared/revisions/report"));

        long firstRevision = revisions.path(1).path("revision_id").asLong();
        Answer restored = post("/api/2.0/workspace/restore-revision", admin,
                "{\"path\":\"/Shared/revisions/report\",\"revision_id\":" + firstRevision + "}");
        assertEquals(restored.body().toString(), 200, restored.status());
        assertEquals("RESTORE", restored.body().path("reason").asText());
        assertEquals(firstRevision, restored.body().path("restored_from").asLong());
        assertArrayEquals(first, export("/Shared/revisions/report"));
        assertEquals(3, get("/api/2.0/workspace/revisions?path=/Shared/revisions/report", admin).body()
                .path("revisions").size());
        assertEquals("the object id survives overwrite and restore", objectId,
                get("/api/2.0/workspace/get-status?path=/Shared/revisions/report", admin).body().path("object_id")
                        .asLong());
        assertError(post("/api/2.0/workspace/restore-revision", admin,
                "{\"path\":\"/Shared/revisions/report\",\"revision_id\":999999}"), 404, "RESOURCE_DOES_NOT_EXIST",
                "999999");
    }

    @Test
    public void shellImportsListsAndExportsNotebooks() throws Exception {
        Path folder = Files.createTempDirectory("ws-shell");
        Path source = folder.resolve("etl.scala");
        Files.write(source, resource("etl.scala"));
        shell("bw:ws-mkdirs /Shared/shell");

        String imported = shell("bw:ws-import " + source + " /Shared/shell/etl.scala");
        assertTrue(imported, imported.contains("Imported notebook /Shared/shell/etl"));
        String listed = shell("bw:ws-ls /Shared/shell");
        assertTrue(listed, listed.matches(
                "(?s)TYPE +LANGUAGE +OBJECT ID +MODIFIED +PATH\nNOTEBOOK +SCALA +\\d+ +\\S+ +/Shared/shell/etl\\s*"));
        Path target = folder.resolve("out.scala");
        assertTrue(shell("bw:ws-export /Shared/shell/etl " + target).contains("Exported"));
        assertArrayEquals(resource("etl.scala"), Files.readAllBytes(target));
        Path ipynb = folder.resolve("out.ipynb");
        shell("bw:ws-export --format JUPYTER /Shared/shell/etl " + ipynb);
        assertTrue(Files.readString(ipynb).contains("application/vnd.databricks.v1+notebook"));
        shell("bw:ws-import --overwrite --format SOURCE --language SCALA " + source + " /Shared/shell/etl");
        assertTrue(shell("bw:ws-revisions /Shared/shell/etl").contains("OVERWRITE"));

        String missing = failure("bw:ws-export /Shared/shell/nothing " + target);
        assertEquals("Path (/Shared/shell/nothing) doesn't exist.", missing);
        String exists = failure("bw:ws-import " + source + " /Shared/shell/etl.scala");
        assertEquals("Path (/Shared/shell/etl) already exists.", exists);
        assertTrue(shell("bw:ws-rm --recursive /Shared/shell").contains("Deleted"));
    }

    private void mkdirs(String path) throws Exception {
        Answer made = post("/api/2.0/workspace/mkdirs", admin, "{\"path\":\"" + path + "\"}");
        assertEquals(made.body().toString(), 200, made.status());
    }

    private Answer importNotebook(String path, String format, String language, byte[] content, boolean overwrite)
            throws Exception {
        var body = JSON.createObjectNode().put("path", path).put("format", format).put("overwrite", overwrite)
                .put("content", Base64.getEncoder().encodeToString(content));
        if (language != null) {
            body.put("language", language);
        }
        return post("/api/2.0/workspace/import", admin, body.toString());
    }

    private byte[] export(String path) throws Exception {
        return Base64.getDecoder()
                .decode(get("/api/2.0/workspace/export?path=" + path, admin).body().path("content").asText());
    }

    private static void assertError(Answer answer, int status, String code, String messagePart) {
        assertEquals(answer.body().toString(), status, answer.status());
        assertEquals(answer.body().toString(), code, answer.errorCode());
        assertTrue(answer.body().toString(), answer.body().path("message").asText().contains(messagePart));
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = WorkspaceIT.class.getResourceAsStream("/notebooks/" + name)) {
            return in.readAllBytes();
        }
    }

    /** Runs a Python script with {@code input} on stdin; its stdout, failing the test on a non-zero exit. */
    static String python(String script, byte[] input) throws Exception {
        Process process = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("python3 finished", process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(output, 0, process.exitValue());
        return output;
    }
}
