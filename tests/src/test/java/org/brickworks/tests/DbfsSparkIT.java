package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Base64;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

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

    private void readsAndWritesDbfs(String runtime, String dir) throws Exception {
        StringBuilder csv = new StringBuilder("id,n\n");
        for (int i = 1; i <= 100; i++) {
            csv.append(i).append(',').append(i * 2).append('\n');
        }
        Answer put = post("/api/2.0/dbfs/put", admin, "{\"path\":\"/" + dir + "/in/data.csv\",\"contents\":\""
                + Base64.getEncoder().encodeToString(csv.toString().getBytes()) + "\"}");
        assertEquals(put.body().toString(), 200, put.status());

        Answer created = post("/api/2.0/clusters/create", admin,
                "{\"cluster_name\":\"dbfs-" + dir + "\",\"spark_version\":\"" + runtime + "\"}");
        String id = created.body().path("cluster_id").asText();
        try {
            await("cluster " + id + " to run", () -> !"PENDING".equals(state(id)));
            assertEquals(cluster(id).toString(), "RUNNING", state(id));
            String context = sqlContext(id);
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

            JsonNode conf = runCommand(id, context, "SET spark.hadoop.fs.dbfs.impl");
            assertTrue(conf.toString(), conf.toString().contains("org.brickworks.agent.dbfs.DbfsFileSystem"));
        } finally {
            post("/api/2.0/clusters/permanent-delete", admin, "{\"cluster_id\":\"" + id + "\"}");
        }
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
