package org.brickworks.tests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;

import org.brickworks.store.api.Store;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * The platform with its store on a real PostgreSQL server, configured in {@code etc/} as an operator would: schema
 * migrations, the admin bootstrap and the token API run on PostgreSQL, and the rows are read back from the database
 * with the framework's own JDBC driver.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PostgresStoreIT extends PlatformTestSupport {
    static final String POSTGRES_URL = "brickworks.test.postgres.url";

    /** Runs in the outer JVM before the framework boots: see {@link PostgresServer#shared()}. */
    @Override
    @Configuration
    public Option[] config() {
        PostgresServer postgres = PostgresServer.shared();
        String store = "url=" + postgres.jdbcUrl() + "\nuser=" + PostgresServer.USER + "\npassword=\n";
        return new Option[] { PlatformOptions.platform(Map.of(PlatformOptions.STORE_CFG, store)),
                frameworkProperty(POSTGRES_URL).value(postgres.jdbcUrl()) };
    }

    @Before
    public void storeIsOnPostgres() {
        await("the store on PostgreSQL", () -> storeDescription().startsWith("PostgreSQL"));
    }

    @Test
    public void firstStartMigratesPostgresAndWritesAnAdminTokenThatIsInIt() throws Exception {
        assertFalse("the store must not start on the default H2 database before its configuration arrives",
                Files.exists(dataDirectory().resolve("store")));
        assertEquals("17", queryOne("SELECT version FROM schema_version WHERE area = ?", "security"));
        assertEquals("admins", queryOne("SELECT g.display_name FROM group_members m JOIN user_groups g ON"
                + " g.id = m.group_id JOIN users u ON u.id = m.member_id WHERE u.user_name = ? AND g.display_name"
                + " <> 'users'", "admin"));
        assertEquals("admin",
                queryOne(
                        "SELECT u.user_name FROM tokens t JOIN users u ON u.id = t.user_id" + " WHERE t.token_hash = ?",
                        sha256(admin)));
        Answer me = get("/api/2.0/preview/scim/v2/Me", admin);
        assertEquals(200, me.status());
        assertEquals("admin", me.body().path("userName").asText());
    }

    @Test
    public void scimUsersAndGroupsAreRowsOfPostgres() throws Exception {
        Answer user = post("/api/2.0/preview/scim/v2/Users", admin,
                "{\"userName\": \"pg-user\", \"password\": \"a long password\"}");
        assertEquals(user.body().toString(), 201, user.status());
        String id = user.body().path("id").asText();
        Answer group = post("/api/2.0/preview/scim/v2/Groups", admin,
                "{\"displayName\": \"pg-group\", \"members\": [{\"value\": \"" + id + "\"}]}");
        assertEquals(group.body().toString(), 201, group.status());
        assertEquals("1", queryOne("SELECT count(*) FROM group_members m JOIN user_groups g ON g.id = m.group_id"
                + " WHERE g.display_name = ? AND m.member_id = " + Long.parseLong(id), "pg-group"));
        assertTrue(queryOne("SELECT password_hash FROM users WHERE user_name = ?", "pg-user")
                .startsWith("$argon2id$"));
        Answer found = get("/api/2.0/preview/scim/v2/Groups?filter=displayName%20eq%20%22pg-group%22", admin);
        assertEquals(1, found.body().path("totalResults").asInt());
    }

    @Test
    public void tokenCreatedOverRestIsAPostgresRowAndRefusedOnceRevoked() throws Exception {
        Answer created = post("/api/2.0/token/create", admin, "{\"comment\":\"on postgres\",\"lifetime_seconds\":600}");
        assertEquals(200, created.status());
        String value = created.body().path("token_value").asText();
        String id = created.body().path("token_info").path("token_id").asText();
        assertEquals(id,
                queryOne("SELECT token_id FROM tokens WHERE token_hash = ? AND revoked_at IS NULL", sha256(value)));
        assertEquals("on postgres", queryOne("SELECT comment FROM tokens WHERE token_id = ?", id));
        assertTrue(get("/api/2.1/token/list", value).body().toString().contains(id));

        assertEquals(200, post("/api/2.0/token/delete", admin, "{\"token_id\":\"" + id + "\"}").status());
        assertEquals("1", queryOne("SELECT count(*) FROM tokens WHERE token_id = ? AND revoked_at IS NOT NULL", id));
        Answer refused = get("/api/2.0/token/list", value);
        assertEquals(401, refused.status());
        assertEquals("UNAUTHENTICATED", refused.errorCode());
        assertTrue(refused.body().path("message").asText().contains("revoked"));
        assertFalse(get("/api/2.0/token/list", admin).body().toString().contains(id));
    }

    @Test
    public void workspaceNotebooksAndRevisionsLiveInPostgres() throws Exception {
        assertEquals("5", queryOne("SELECT version FROM schema_version WHERE area = ?", "workspace"));
        assertEquals("3", queryOne("SELECT version FROM schema_version WHERE area = ?", "notebooks"));
        byte[] source = WorkspaceIT.resource("sales.py");
        assertEquals(200, post("/api/2.0/workspace/mkdirs", admin, "{\"path\":\"/Shared/pg_100%/x\"}").status());
        String body = JSON.createObjectNode().put("path", "/Shared/pg_100%/x/sales").put("format", "SOURCE")
                .put("language", "PYTHON").put("content", Base64.getEncoder().encodeToString(source)).toString();
        assertEquals(200, post("/api/2.0/workspace/import", admin, body).status());
        Answer exported = get("/api/2.0/workspace/export?path=/Shared/pg_100%25/x/sales", admin);
        assertArrayEquals(source, Base64.getDecoder().decode(exported.body().path("content").asText()));
        assertEquals("1", queryOne("SELECT count(*) FROM workspace_revisions r JOIN workspace_objects o"
                + " ON o.object_id = r.object_id WHERE o.path = ?", "/Shared/pg_100%/x/sales"));
        // Unescaped, the LIKE pattern of the recursive delete below would match this folder too.
        assertEquals(200, post("/api/2.0/workspace/mkdirs", admin, "{\"path\":\"/Shared/pgX100abc/y\"}").status());

        assertEquals(200, post("/api/2.0/workspace/delete", admin,
                "{\"path\":\"/Shared/pg_100%\",\"recursive\":true}").status());
        assertEquals("0", queryOne("SELECT count(*) FROM workspace_objects WHERE path LIKE ?", "/Shared/pg\\_100%"));
        assertEquals("0", queryOne("SELECT count(*) FROM workspace_revisions WHERE author = ?", "admin"));
        assertEquals("DIRECTORY", get("/api/2.0/workspace/get-status?path=/Shared/pgX100abc/y", admin).body()
                .path("object_type").asText());
    }

    /** A server restart or a failover kills the pool's connections: the store replaces them, nothing fails for long. */
    @Test
    public void connectionsKilledOnTheServerAreReplaced() throws Exception {
        assertEquals(200, get("/api/2.0/token/list", admin).status());
        String killed = queryOne("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name <> ?", "-");
        assertTrue("no store connection was open on the server", Integer.parseInt(killed) > 0);
        await("the store on new connections", () -> {
            try {
                return get("/api/2.0/token/list", admin).status() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        for (int i = 0; i < 20; i++) {
            assertEquals(200, get("/api/2.0/token/list", admin).status());
        }
    }

    private String storeDescription() {
        ServiceReference<Store> reference = context.getServiceReference(Store.class);
        Store store = reference == null ? null : context.getService(reference);
        if (store == null) {
            return "";
        }
        try {
            return store.describe();
        } finally {
            context.ungetService(reference);
        }
    }

    /** The first column of the first row, straight from PostgreSQL, past the platform's store. */
    private String queryOne(String sql, String parameter) throws Exception {
        Driver driver = (Driver) bundle("org.postgresql.jdbc").loadClass("org.postgresql.Driver").getConstructor()
                .newInstance();
        Properties login = new Properties();
        login.setProperty("user", PostgresServer.USER);
        try (Connection connection = driver.connect(context.getProperty(POSTGRES_URL), login);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError(symbolicName + " is not installed");
    }

    /** The store keeps only this hash of a token value. */
    private static String sha256(String value) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    }
}
