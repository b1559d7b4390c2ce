package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The shared catalog on a real PostgreSQL server, configured in {@code etc/org.brickworks.metastore.cfg} as an operator
 * would: a Delta table created by name on one cluster is written to and read from another (one on each runtime line),
 * and its row is in PostgreSQL's metastore tables, read past the platform with the framework's own JDBC driver.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PostgresMetastoreIT extends ClusterTestSupport {
    private static final String POSTGRES_URL = PostgresStoreIT.POSTGRES_URL;

    /** Runs in the outer JVM before the framework boots: see {@link PostgresServer#shared()}. */
    @Override
    @Configuration
    public Option[] config() {
        PostgresServer postgres = PostgresServer.shared();
        String metastore = "jdbcUrl=" + postgres.jdbcUrl() + "\njdbcDriver=org.postgresql.Driver\nuser="
                + PostgresServer.USER + "\npassword=\n";
        return new Option[] { PlatformOptions.platform(Map.of("org.brickworks.metastore.cfg", metastore)),
                frameworkProperty(POSTGRES_URL).value(postgres.jdbcUrl()) };
    }

    @Test
    public void tableCreatedOnOneClusterIsInPostgresAndSeenByAnother() throws Exception {
        String writer = create("pg-writer", SPARK35);
        String reader = create("pg-reader", SPARK40);
        try {
            awaitRunning(writer);
            awaitRunning(reader);
            sql(writer, "CREATE TABLE pg_shared (id INT, name STRING) USING DELTA");
            sql(writer, "INSERT INTO pg_shared VALUES (1, 'a'), (2, 'b')");
            assertEquals("2", sqlValue(reader, "SELECT count(*) FROM pg_shared"));
            sql(reader, "INSERT INTO pg_shared VALUES (3, 'c')");
            assertEquals("6", sqlValue(writer, "SELECT sum(id) FROM pg_shared"));

            assertTrue(metastoreTables().toString(), metastoreTables().contains("pg_shared"));
        } finally {
            post("/api/2.0/clusters/permanent-delete", admin, "{\"cluster_id\":\"" + writer + "\"}");
            post("/api/2.0/clusters/permanent-delete", admin, "{\"cluster_id\":\"" + reader + "\"}");
        }
    }

    /**
     * Runs a statement and waits for it up to five minutes: the first one creates the metastore's schema in PostgreSQL
     * (DataNucleus), which takes minutes on a busy machine. A failure shows the end of the driver's log.
     */
    private void sql(String id, String statement) throws Exception {
        String context = sqlContext(id);
        Answer executed = post("/api/1.2/commands/execute", admin, JSON.createObjectNode().put("clusterId", id)
                .put("contextId", context).put("language", "sql").put("command", statement).toString());
        assertEquals(executed.body().toString(), 200, executed.status());
        String status = "/api/1.2/commands/status?clusterId=" + id + "&contextId=" + context + "&commandId="
                + executed.body().path("id").asText();
        JsonNode result = get(status, admin).body();
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (result.path("status").asText().matches("Queued|Running") && System.nanoTime() < deadline) {
            result = get(status, admin).body();
        }
        if (!"Finished".equals(result.path("status").asText())
                || "error".equals(result.path("results").path("resultType").asText())) {
            String log = get("/api/2.0/clusters/driver-logs?cluster_id=" + id, admin).body().path("log").asText();
            throw new AssertionError(
                    statement + " -> " + result + "\n" + log.substring(Math.max(0, log.length() - 6000)));
        }
    }

    /**
     * The table names in the metastore's {@code TBLS}, straight from PostgreSQL. DataNucleus creates the schema, so the
     * identifiers' case is looked up rather than assumed.
     */
    private List<String> metastoreTables() throws Exception {
        Driver driver = (Driver) bundle("org.postgresql.jdbc").loadClass("org.postgresql.Driver").getConstructor()
                .newInstance();
        Properties login = new Properties();
        login.setProperty("user", PostgresServer.USER);
        try (Connection connection = driver.connect(context.getProperty(POSTGRES_URL), login)) {
            String table = one(connection, "SELECT table_name FROM information_schema.tables"
                    + " WHERE lower(table_name) = 'tbls'", null);
            String column = one(connection, "SELECT column_name FROM information_schema.columns"
                    + " WHERE table_name = ? AND lower(column_name) = 'tbl_name'", table);
            List<String> names = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT \"" + column + "\" FROM \"" + table + "\""); ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        }
    }

    private static String one(Connection connection, String sql, String parameter) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (ResultSet rows = statement.executeQuery()) {
                assertTrue("no result for " + sql, rows.next());
                return rows.getString(1);
            }
        }
    }
}
