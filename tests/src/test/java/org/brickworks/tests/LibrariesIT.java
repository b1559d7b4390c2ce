package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Libraries end to end: Maven resolution from Maven Central and from a file repository this test writes (a checksum
 * mismatch and an unknown artifact fail and leave nothing in the cache), PyPI from an index this test serves, and the
 * Libraries API 2.0 on a real 15.4 cluster whose driver then runs SQL with the installed classes, on every start.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LibrariesIT extends ClusterTestSupport {

    @Test
    public void resolvesFromCentralAndAFileRepositoryAndLeavesNothingOfAFailure() throws Exception {
        Path cache = dataDirectory().resolve("cache/libraries/maven");
        // 3.13.0 is in no local repository the build uses: it comes from Maven Central.
        String central = shell("bw:lib-resolve mvn:org.apache.commons:commons-lang3:3.13.0");
        assertTrue(central, central.contains(cache.resolve("org/apache/commons/commons-lang3/3.13.0").toString()));

        MavenFileRepository repository = new MavenFileRepository(Files.createTempDirectory("repo"))
                .publishGreeter("bw.test:greeter:1.0", "hello ").publishGreeter("bw.test:broken:1.0", "x")
                .corruptChecksum("bw.test:broken:1.0");
        String greeter = shell("bw:lib-resolve --repo " + repository.url() + " mvn:bw.test:greeter:1.0");
        assertTrue(greeter, greeter.contains("greeter-1.0.jar") && greeter.contains("Resolved"));

        String broken = failure("bw:lib-resolve --repo " + repository.url() + " mvn:bw.test:broken:1.0");
        assertTrue(broken, broken.contains("Checksum") && broken.contains("bw.test:broken"));
        String unknown = failure("bw:lib-resolve --repo " + repository.url() + " mvn:bw.test:nothing:1.0");
        assertTrue(unknown, unknown.contains("bw.test:nothing"));
        assertFalse(files(cache).toString(), files(cache).contains("broken") || files(cache).contains("nothing"));
        assertFalse(files(cache), files(cache).contains(".staging/"));
    }

    @Test
    public void installsPypiPackagesWithPipFromAnIndexThisTestServes() throws Exception {
        try (PypiIndex index = new PypiIndex(Files.createTempDirectory("pypi"))) {
            index.publish("bw-tiny", "1.0", "'one'").publish("bw-tiny", "2.0", "'two'");
            String resolved = shell("bw:lib-resolve --repo " + index.url() + " \"pypi:bw-tiny<2\"");
            String folder = resolved.lines().findFirst().orElseThrow();
            assertTrue(resolved, Files.readString(Path.of(folder, "bw_tiny/__init__.py")).contains("'one'"));
            String missing = failure("bw:lib-resolve --repo " + index.url() + " pypi:bw-tiny==7");
            assertTrue(missing, missing.contains("No matching distribution"));
        }
        String cacheTable = shell("bw:lib-cache");
        assertTrue(cacheTable, cacheTable.matches("(?s).*pypi +1 .*"));
    }

    @Test
    public void clusterLibrariesReachTheDriverAtOnceAndOnEveryStart() throws Exception {
        MavenFileRepository repository = new MavenFileRepository(Files.createTempDirectory("repo"))
                .publishGreeter("bw.test:greeter:2.0", "hi ").publishGreeter("bw.test:broken:2.0", "x")
                .corruptChecksum("bw.test:broken:2.0");
        String id = create("libraries");
        awaitRunning(id);
        String lang3 = "{\"maven\":{\"coordinates\":\"org.apache.commons:commons-lang3:3.17.0\"}}";
        String greeter = "{\"maven\":{\"coordinates\":\"bw.test:greeter:2.0\",\"repo\":\"" + repository.url() + "\"}}";
        String broken = "{\"maven\":{\"coordinates\":\"bw.test:broken:2.0\",\"repo\":\"" + repository.url() + "\"}}";

        long began = System.nanoTime();
        Answer installed = post("/api/2.0/libraries/install", admin,
                "{\"cluster_id\":\"" + id + "\",\"libraries\":[" + lang3 + "," + greeter + "," + broken + "]}");
        assertEquals(installed.body().toString(), 200, installed.status());
        awaitStatuses(id, "INSTALLED,INSTALLED,FAILED");
        System.out.printf("Libraries install -> INSTALLED: %d ms%n", (System.nanoTime() - began) / 1_000_000);
        JsonNode statuses = libraryStatuses(id);
        assertTrue(statuses.toString(), statuses.get(2).path("messages").get(0).asText().contains("Checksum"));
        assertEquals("org.apache.commons:commons-lang3:3.17.0",
                statuses.get(0).path("library").path("maven").path("coordinates").asText());

        // SystemProperties is new in commons-lang3 3.13: Spark's own 3.12 does not have it.
        assertEquals(System.getProperty("java.version"), sqlValue(id,
                "SELECT java_method('org.apache.commons.lang3.SystemProperties', 'getJavaVersion')"));
        assertEquals("hi 2", sqlValue(id,
                "SELECT max(g) FROM (SELECT java_method('bw.test.Greeter', 'greet', id) AS g FROM range(3))"));
        assertTrue(shell("bw:lib-status " + id).contains("mvn:bw.test:greeter:2.0"));

        Answer uninstalled = post("/api/2.0/libraries/uninstall", admin,
                "{\"cluster_id\":\"" + id + "\",\"libraries\":[" + lang3 + "]}");
        assertEquals(200, uninstalled.status());
        assertEquals("UNINSTALL_ON_RESTART", libraryStatuses(id).get(2).path("status").asText());
        assertEquals(200, post("/api/2.0/clusters/restart", admin, "{\"cluster_id\":\"" + id + "\"}").status());
        awaitRunning(id);
        awaitStatuses(id, "INSTALLED,FAILED");
        assertEquals("hi 0", sqlValue(id, "SELECT java_method('bw.test.Greeter', 'greet', 0L)"));
        JsonNode all = get("/api/2.0/libraries/all-cluster-statuses", admin).body();
        assertTrue(all.toString(), all.path("statuses").toString().contains(id));

        // A jar library from DBFS: uploaded through the DBFS API, installed from its dbfs:/ path.
        String jar = "dbfs:/FileStore/jars/dbfs-greeter.jar";
        assertEquals(200, post("/api/2.0/dbfs/put", admin, JSON.createObjectNode().put("path", jar)
                .put("contents", Base64.getEncoder().encodeToString(MavenFileRepository.greeterJar("bw.dbfs", "dbfs ")))
                .toString()).status());
        assertEquals(200, post("/api/2.0/libraries/install", admin,
                "{\"cluster_id\":\"" + id + "\",\"libraries\":[{\"jar\":\"" + jar + "\"}]}").status());
        awaitStatuses(id, "INSTALLED,FAILED,INSTALLED");
        assertEquals("dbfs 1", sqlValue(id, "SELECT java_method('bw.dbfs.Greeter', 'greet', 1L)"));

        assertEquals(200, post("/api/2.0/clusters/permanent-delete", admin, "{\"cluster_id\":\"" + id + "\"}")
                .status());
    }

    private JsonNode libraryStatuses(String id) throws IOException, InterruptedException {
        return get("/api/2.0/libraries/cluster-status?cluster_id=" + id, admin).body().path("library_statuses");
    }

    /** Waits until the cluster's libraries have these statuses, in order (comma-separated). */
    private void awaitStatuses(String id, String expected) {
        await("library statuses " + expected, () -> {
            try {
                StringBuilder actual = new StringBuilder();
                libraryStatuses(id).forEach(s -> actual.append(actual.length() == 0 ? "" : ",")
                        .append(s.path("status").asText()));
                return actual.toString().equals(expected);
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    private static String files(Path root) throws IOException {
        if (!Files.exists(root)) {
            return "";
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return String.join("\n", walk.filter(Files::isRegularFile).map(Path::toString).toList());
        }
    }
}
