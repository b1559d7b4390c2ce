package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Delta Lake on both runtime lines through SQL, and the shared catalog: tables created by name live in the platform's
 * Hive metastore (a Derby network server the platform runs), under the warehouse directory on DBFS, so they outlive
 * their cluster and every cluster sees them. The Delta log written is read back by Delta Kernel in a JVM of its own.
 * Schema enforcement and {@code mergeSchema} evolution through the DataFrame API in Scala cells, on both lines.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeltaIT extends ClusterTestSupport {

    @Test
    public void deltaSqlOnBothRuntimeLinesAndAnIndependentReader() throws Exception {
        String spark35 = create("delta-35", SPARK35);
        String spark40 = create("delta-40", SPARK40);
        awaitRunning(spark35);
        awaitRunning(spark40);

        String location = deltaScenario(spark35, "events_35");
        deltaScenario(spark40, "events_40");
        schemaEnforcementInScala(spark35, "dbfs:/delta/schema_35");
        schemaEnforcementInScala(spark40, "dbfs:/delta/schema_40");

        // Before VACUUM removes version 1's files, Delta Kernel reads the log Spark wrote: the latest version with
        // its evolved schema and 3 rows (1A, 2B2, 4d), and 3 rows (1a, 2b, 3c) at version 1.
        String latest = value(sql(spark35, sqlContext(spark35), "DESCRIBE HISTORY events_35"));
        assertTrue(location, location.matches("dbfs:/+user/hive/warehouse/events_35"));
        String kernel = kernelRead(dataDirectory().resolve("dbfs/user/hive/warehouse/events_35"), 1);
        assertTrue(kernel, kernel.contains("latest=" + latest + " columns=id,name,flag rows=3 rowsAt=3"));

        // Each line reads the other's table by name: one catalog for every cluster.
        assertEquals("3", sqlValue(spark40, "SELECT count(*) FROM events_35"));
        assertEquals("3", sqlValue(spark35, "SELECT count(*) FROM events_40"));
        vacuum(spark35, "events_35");
    }

    @Test
    public void tablesCreatedByNameOutliveTheirClusterAndEveryClusterSeesThem() throws Exception {
        String writer = create("writer", SPARK35);
        String reader = create("reader", SPARK35);
        awaitRunning(writer);
        awaitRunning(reader);
        sql(writer, "CREATE TABLE kept (id INT) USING DELTA");
        sql(writer, "INSERT INTO kept VALUES (1), (2), (3)");
        assertEquals("3", sqlValue(reader, "SELECT count(*) FROM kept"));
        String location = column(sql(writer, sqlContext(writer), "DESCRIBE DETAIL kept"), "location");
        assertTrue(location, location.matches("dbfs:/+user/hive/warehouse/kept"));

        post("/api/2.0/clusters/delete", admin, "{\"cluster_id\":\"" + writer + "\"}");
        await("the writer to terminate", () -> "TERMINATED".equals(state(writer)));
        sql(reader, "INSERT INTO kept VALUES (4)");
        post("/api/2.0/clusters/start", admin, "{\"cluster_id\":\"" + writer + "\"}");
        awaitRunning(writer);
        assertEquals("10", sqlValue(writer, "SELECT sum(id) FROM kept"));
    }

    /**
     * Creates {@code table} and runs Delta's SQL on it in one context; returns its location. Versions: 0 CREATE,
     * 1 INSERT, 2 UPDATE, 3 DELETE, 4 MERGE, 5 MERGE with schema evolution, then OPTIMIZE's.
     */
    private String deltaScenario(String id, String table) throws Exception {
        String context = sqlContext(id);
        sql(id, context, "CREATE TABLE " + table + " (id INT, name STRING) USING DELTA");
        sql(id, context, "INSERT INTO " + table + " VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        sql(id, context, "UPDATE " + table + " SET name = 'B' WHERE id = 2");
        sql(id, context, "DELETE FROM " + table + " WHERE id = 3");
        sql(id, context, "MERGE INTO " + table + " t USING (SELECT 1 AS id, 'A' AS name UNION ALL SELECT 4, 'd') s"
                + " ON t.id = s.id WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");
        assertEquals("1A,2B,4d", value(sql(id, context, "SELECT concat_ws(',', collect_list(concat(id, name)))"
                + " FROM (SELECT * FROM " + table + " ORDER BY id)")));

        // Schema evolution: with automatic merging on, a MERGE whose source has a new column adds it to the table.
        sql(id, context, "SET spark.databricks.delta.schema.autoMerge.enabled = true");
        sql(id, context, "MERGE INTO " + table + " t USING (SELECT 2 AS id, 'B2' AS name, true AS flag) s"
                + " ON t.id = s.id WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");
        assertEquals("1", value(sql(id, context, "SELECT count(*) FROM " + table + " WHERE flag")));

        assertEquals("3", value(sql(id, context, "SELECT count(*) FROM " + table + " VERSION AS OF 1")));
        JsonNode history = sql(id, context, "DESCRIBE HISTORY " + table);
        List<String> operations = new ArrayList<>();
        String versionOneTime = null;
        for (JsonNode row : history.path("results").path("data")) {
            operations.add(row.path(4).asText());
            if (row.path(0).asLong() == 1) {
                versionOneTime = row.path(1).asText();
            }
        }
        assertEquals(history.toString(), List.of("MERGE", "MERGE", "DELETE", "UPDATE", "WRITE", "CREATE TABLE"),
                operations);
        assertEquals("3", value(sql(id, context,
                "SELECT count(*) FROM " + table + " TIMESTAMP AS OF '" + versionOneTime + "'")));

        JsonNode optimized = sql(id, context, "OPTIMIZE " + table);
        assertEquals(optimized.toString(), 1, optimized.path("results").path("data").size());
        return column(sql(id, context, "DESCRIBE DETAIL " + table), "location");
    }

    /**
     * The DataFrame API from a Scala cell: an append with an extra column is refused with Delta's own message and
     * leaves the table as it was; the same append with {@code mergeSchema} adds the column, null in the old rows.
     */
    private void schemaEnforcementInScala(String id, String path) throws Exception {
        Answer context = post("/api/1.2/contexts/create", admin,
                "{\"clusterId\":\"" + id + "\",\"language\":\"scala\"}");
        assertEquals(context.body().toString(), 200, context.status());
        String scala = context.body().path("id").asText();
        scala(id, scala,
                "Seq((1, \"a\"), (2, \"b\")).toDF(\"id\", \"name\").write.format(\"delta\").save(\"" + path + "\")");
        scala(id, scala, "val wider = Seq((3, \"c\", true)).toDF(\"id\", \"name\", \"flag\")");

        JsonNode refused = runCommand(id, scala, "scala",
                "wider.write.format(\"delta\").mode(\"append\").save(\"" + path + "\")");
        assertEquals(refused.toString(), "Error", refused.path("status").asText());
        assertTrue(refused.toString(), refused.path("results").path("summary").asText()
                .contains("A schema mismatch detected when writing to the Delta table"));
        assertTrue(scala(id, scala, "spark.read.format(\"delta\").load(\"" + path + "\").columns.mkString(\",\")")
                .contains("= id,name"));

        scala(id, scala, "wider.write.format(\"delta\").mode(\"append\").option(\"mergeSchema\", \"true\").save(\""
                + path + "\")");
        String rows = scala(id, scala, "spark.read.format(\"delta\").load(\"" + path
                + "\").orderBy(\"id\").collect().map(r => s\"${r(0)}:${r(1)}:${r(2)}\").mkString(\",\")");
        assertTrue(rows, rows.contains("= 1:a:null,2:b:null,3:c:true"));
    }

    /** Runs a Scala cell that must succeed; its text output. */
    private String scala(String id, String context, String code) throws Exception {
        JsonNode result = runCommand(id, context, "scala", code);
        assertEquals(code + " -> " + result, "Finished", result.path("status").asText());
        assertTrue(code + " -> " + result, !"error".equals(result.path("results").path("resultType").asText()));
        return result.path("results").path("data").asText();
    }

    /** The first row's value of the named column. */
    private static String column(JsonNode result, String name) {
        JsonNode schema = result.path("results").path("schema");
        for (int i = 0; i < schema.size(); i++) {
            if (name.equals(schema.path(i).path("name").asText())) {
                return result.path("results").path("data").path(0).path(i).asText();
            }
        }
        throw new AssertionError("No column " + name + " in " + result);
    }

    /** VACUUM with no retention removes the files older versions need: reading version 1's data then fails. */
    private void vacuum(String id, String table) throws Exception {
        String context = sqlContext(id);
        sql(id, context, "SET spark.databricks.delta.retentionDurationCheck.enabled = false");
        sql(id, context, "VACUUM " + table + " RETAIN 0 HOURS");
        assertEquals("3", value(sql(id, context, "SELECT count(*) FROM " + table)));
        // sum, not count: Delta answers count(*) from the log's statistics without reading a data file.
        JsonNode old = runCommand(id, context, "SELECT sum(id) FROM " + table + " VERSION AS OF 1");
        assertEquals(old.toString(), "error", old.path("results").path("resultType").asText());
    }

    private JsonNode sql(String id, String context, String command) throws Exception {
        JsonNode result = runCommand(id, context, command);
        assertEquals(command + " -> " + result, "Finished", result.path("status").asText());
        assertTrue(command + " -> " + result, !"error".equals(result.path("results").path("resultType").asText()));
        return result;
    }

    private void sql(String id, String command) throws Exception {
        sql(id, sqlContext(id), command);
    }

    private static String value(JsonNode result) {
        return result.path("results").path("data").path(0).path(0).asText();
    }

    /** Runs {@link DeltaKernelReader} on the table in a JVM of its own, from this test's classpath. */
    private static String kernelRead(Path table, long version) throws Exception {
        File output = File.createTempFile("delta-kernel", ".log");
        Process reader = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), DeltaKernelReader.class.getName(), table.toString(),
                Long.toString(version)).redirectErrorStream(true).redirectOutput(output).start();
        assertTrue("Delta Kernel did not finish", reader.waitFor(120, TimeUnit.SECONDS));
        return Files.readString(output.toPath(), StandardCharsets.UTF_8);
    }
}
