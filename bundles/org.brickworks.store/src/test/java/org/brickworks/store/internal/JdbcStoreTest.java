package org.brickworks.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.store.api.StoreException;
import org.brickworks.test.support.TestPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcStoreTest {
    private static final List<String> NOTES_SCHEMA = List.of(
            "CREATE TABLE notes (id INT PRIMARY KEY, text VARCHAR(100))",
            "INSERT INTO notes (id, text) VALUES (1, 'seeded by migration 2')");

    @TempDir
    Path data;

    private final List<JdbcStore> opened = new ArrayList<>();

    @AfterEach
    void closeStores() {
        opened.forEach(JdbcStore::close);
    }

    @Test
    void createsEmbeddedH2DatabaseUnderDataDirectory() {
        JdbcStore store = open();

        assertThat(store.describe()).startsWith("H2 ");
        assertThat(data.resolve("store/brickworks.mv.db")).isRegularFile();
    }

    @Test
    void transactionCommitsWhenWorkReturns() {
        JdbcStore store = open();
        store.migrate("test", NOTES_SCHEMA.subList(0, 1));

        store.transaction(c -> update(c, "INSERT INTO notes (id, text) VALUES (7, 'committed')"));
        store.close();
        opened.remove(store);

        assertThat(notes(open())).containsExactly("committed");
    }

    @Test
    void transactionRollsBackWhenWorkThrows() {
        JdbcStore store = open();
        store.migrate("test", NOTES_SCHEMA.subList(0, 1));
        IllegalStateException failure = new IllegalStateException("work failed");

        assertThatThrownBy(() -> store.transaction(c -> {
            update(c, "INSERT INTO notes (id, text) VALUES (7, 'rolled back')");
            throw failure;
        })).isSameAs(failure);

        assertThat(notes(store)).isEmpty();
    }

    @Test
    void transactionWrapsSqlFailureAndRollsBack() {
        JdbcStore store = open();
        store.migrate("test", NOTES_SCHEMA.subList(0, 1));

        assertThatThrownBy(() -> store.transaction(c -> {
            update(c, "INSERT INTO notes (id, text) VALUES (7, 'first')");
            return update(c, "INSERT INTO notes (id, text) VALUES (7, 'duplicate key')");
        })).isInstanceOfSatisfying(StoreException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.INTERNAL_ERROR);
            assertThat(e).hasCauseInstanceOf(SQLException.class);
        });

        assertThat(notes(store)).isEmpty();
    }

    @Test
    void migrateAppliesOnlyNewMigrations() {
        JdbcStore store = open();
        store.migrate("test", NOTES_SCHEMA.subList(0, 1));

        // re-running the CREATE TABLE would fail, so this only passes if migration 1 is skipped
        store.migrate("test", NOTES_SCHEMA);

        assertThat(notes(store)).containsExactly("seeded by migration 2");
        assertThat(versions(store)).containsEntry("test", 2);
    }

    @Test
    void migrateRecordsVersionsPerArea() {
        JdbcStore store = open();

        store.migrate("notes", NOTES_SCHEMA);
        store.migrate("tags", List.of("CREATE TABLE tags (name VARCHAR(20))"));
        store.migrate("empty", List.of());

        assertThat(versions(store)).isEqualTo(Map.of("notes", 2, "tags", 1));
    }

    @Test
    void migrateIsIdempotentAcrossARecreatedStoreOnTheSameFile() {
        JdbcStore first = open();
        first.migrate("test", NOTES_SCHEMA);
        first.close();
        opened.remove(first);

        JdbcStore second = open();
        second.migrate("test", NOTES_SCHEMA);
        second.migrate("test", NOTES_SCHEMA);

        assertThat(notes(second)).containsExactly("seeded by migration 2");
        assertThat(versions(second)).isEqualTo(Map.of("test", 2));
    }

    @Test
    void migrateStopsAtAFailingMigrationAndKeepsEarlierOnes() {
        JdbcStore store = open();
        List<String> broken = List.of(NOTES_SCHEMA.get(0), "INSERT INTO no_such_table VALUES (1)");

        assertThatThrownBy(() -> store.migrate("test", broken)).isInstanceOf(StoreException.class);

        assertThat(versions(store)).isEqualTo(Map.of("test", 1));
    }

    @Test
    void rejectsUnsupportedUrlWithoutShowingItsSecrets() {
        TestStoreConfig config = TestStoreConfig.withUrl("jdbc:mysql://db.example.com/brickworks?password=s3cret");

        assertThatThrownBy(() -> new JdbcStore(new TestPlatform(data), config))
                .isInstanceOfSatisfying(BrickworksException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessageContaining("jdbc:mysql://db.example.com/brickworks").hasMessageNotContaining("s3cret");
    }

    @Test
    void usesTheConfiguredUrlInsteadOfTheDataDirectory() {
        Path elsewhere = data.resolve("elsewhere/db");

        open(TestStoreConfig.withUrl("jdbc:h2:file:" + elsewhere));

        assertThat(data.resolve("elsewhere/db.mv.db")).isRegularFile();
        assertThat(data.resolve("store")).doesNotExist();
    }

    private JdbcStore open() {
        return open(TestStoreConfig.embedded());
    }

    private JdbcStore open(TestStoreConfig config) {
        JdbcStore store = new JdbcStore(new TestPlatform(data), config);
        opened.add(store);
        return store;
    }

    private static List<String> notes(JdbcStore store) {
        return store.transaction(JdbcStoreTest::texts);
    }

    private static Map<String, Integer> versions(JdbcStore store) {
        return store.transaction(JdbcStoreTest::readVersions);
    }

    private static int update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    private static List<String> texts(Connection c) throws SQLException {
        List<String> texts = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT text FROM notes ORDER BY id")) {
            while (r.next()) {
                texts.add(r.getString(1));
            }
        }
        return texts;
    }

    private static Map<String, Integer> readVersions(Connection c) throws SQLException {
        Map<String, Integer> versions = new TreeMap<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT area, version FROM schema_version")) {
            while (r.next()) {
                versions.put(r.getString(1), r.getInt(2));
            }
        }
        return versions;
    }
}
