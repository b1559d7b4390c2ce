package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.util.Base64;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code dbfs:/} inside real drivers on both Spark lines: a CSV uploaded through the DBFS API is read by Spark from
 * {@code dbfs:/}, written back as Parquet and as a Delta table on {@code dbfs:/}, and the files appear in the API.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DbfsSparkIT extends ClusterTestSupport {
    @Test
    public void spark35ReadsCsvAndWritesParquetAndDeltaOnDbfs() throws Exception {
        readsAndWritesDbfs(SPARK35, "s35");
    }

    @Test
    public void spark40ReadsCsvAndWritesParquetAndDeltaOnDbfs() throws Exception {
        readsAndWritesDbfs(SPARK40, "s40");
    }

    /**
     * The same on an Azure container (Azurite) mounted while the cluster runs: the driver sees the new mount, reads the
     * CSV the platform wrote there through the Azure SDK, writes Parquet and Delta that the platform then lists.
     */
    @Test
    public void spark35WorksOnAContainerMountedWhileItRuns() throws Exception {
        worksOnAContainerMountedWhileItRuns(SPARK35);
    }

    @Test
    public void spark40WorksOnAContainerMountedWhileItRuns() throws Exception {
        worksOnAContainerMountedWhileItRuns(SPARK40);
    }

    private void worksOnAContainerMountedWhileItRuns(String runtime) throws Exception {
        String id = create("dbfs-azure", runtime);
        try (Azurite azurite = Azurite.start(Files.createTempDirectory("azurite"))) {
            azurite.createContainer("lake");
            awaitRunning(id);
            String context = sqlContext(id);
            assertEquals("Error", runCommand(id, context, "SELECT * FROM csv.`dbfs:/mnt/lake/in/data.csv`")
                    .path("status").asText());

            ObjectNode mount = JSON.createObjectNode()
                    .put("source", "wasbs://lake@devstoreaccount1.blob.core.windows.net/root")
                    .put("mount_point", "/mnt/lake");
            mount.putObject("extra_configs").put("azure.connection.string", azurite.connectionString());
            Answer mounted = post("/api/2.0/dbfs/mount", admin, mount.toString());
            assertEquals(mounted.body().toString(), 200, mounted.status());
            assertEquals(200, post("/api/2.0/dbfs/put", admin, "{\"path\":\"/mnt/lake/in/data.csv\",\"contents\":\""
                    + Base64.getEncoder().encodeToString(csv().getBytes()) + "\"}").status());
            // The mount went to the running driver before the mount call answered.
            assertEquals("Finished", runCommand(id, context, "SELECT count(*) FROM csv.`dbfs:/mnt/lake/in/data.csv`")
                    .path("status").asText());
            readsAndWrites(id, context, "mnt/lake", csv());

            JsonNode conf = runCommand(id, context, "SET");
            assertFalse("the Spark conf shows no credential", conf.toString().contains(Azurite.KEY));
        } finally {
            post("/api/2.0/dbfs/unmount", admin, "{\"mount_point\":\"/mnt/lake\"}");
            post("/api/2.0/clusters/permanent-delete", admin, "{\"cluster_id\":\"" + id + "\"}");
        }
    }

    private static String csv() {
        StringBuilder csv = new StringBuilder("id,n\n");
        for (int i = 1; i <= 100; i++) {
            csv.append(i).append(',').append(i * 2).append('\n');
        }
        return csv.toString();
    }

    private void readsAndWritesDbfs(String runtime, String dir) throws Exception {
        String id = create("dbfs-" + dir, runtime);
        try {
            awaitRunning(id);
            String context = sqlContext(id);
            readsAndWrites(id, context, dir, csv());
            JsonNode conf = runCommand(id, context, "SET spark.hadoop.fs.dbfs.impl");
            assertTrue(conf.toString(), conf.toString().contains("org.brickworks.agent.dbfs.DbfsFileSystem"));
        } finally {
            post("/api/2.0/clusters/permanent-delete", admin, "{\"cluster_id\":\"" + id + "\"}");
        }
    }

    /** Uploads the CSV through the API, reads it from dbfs:/ in Spark, writes Parquet and Delta beside it. */
    private void readsAndWrites(String id, String context, String dir, String csv) throws Exception {
        Answer put = post("/api/2.0/dbfs/put", admin,
                "{\"path\":\"/" + dir + "/in/data.csv\",\"overwrite\":true,\"contents\":\""
                        + Base64.getEncoder().encodeToString(csv.getBytes()) + "\"}");
        assertEquals(put.body().toString(), 200, put.status());
        sql(id, context, "CREATE TEMPORARY VIEW v USING csv OPTIONS (path 'dbfs:/" + dir
                + "/in/data.csv', header 'true', inferSchema 'true')");
        assertEquals("100|10100", row(sql(id, context, "SELECT count(*), sum(n) FROM v")));

        sql(id, context, "INSERT OVERWRITE DIRECTORY 'dbfs:/" + dir + "/out/pq' USING parquet SELECT * FROM v");
        assertEquals("10100", row(sql(id, context, "SELECT sum(n) FROM parquet.`dbfs:/" + dir + "/out/pq`")));

        String delta = "delta.`dbfs:/" + dir + "/out/delta`";
        sql(id, context, "CREATE TABLE " + delta + " USING delta AS SELECT * FROM v");
        sql(id, context, "INSERT INTO " + delta + " VALUES (101, 202)");
        assertEquals("101|10302", row(sql(id, context, "SELECT count(*), sum(n) FROM " + delta)));
        assertEquals("100", row(sql(id, context, "SELECT count(*) FROM " + delta + " VERSION AS OF 0")));

        JsonNode log = get("/api/2.0/dbfs/list?path=/" + dir + "/out/delta/_delta_log", admin).body();
        assertTrue(log.toString(), log.toString().contains("00000000000000000001.json"));
        JsonNode parquet = get("/api/2.0/dbfs/list?path=/" + dir + "/out/pq", admin).body();
        assertTrue(parquet.toString(), parquet.toString().contains(".parquet"));

    }

    private JsonNode sql(String id, String context, String statement) throws Exception {
        JsonNode result = runCommand(id, context, statement);
        assertEquals(statement + " -> " + result, "Finished", result.path("status").asText());
        assertEquals(statement + " -> " + result, "table", result.path("results").path("resultType").asText());
        return result;
    }

    /** The first row's values joined by |. */
    private static String row(JsonNode result) {
        StringBuilder row = new StringBuilder();
        for (JsonNode value : result.path("results").path("data").path(0)) {
            row.append(row.length() == 0 ? "" : "|").append(value.asText());
        }
        return row.toString();
    }
}
