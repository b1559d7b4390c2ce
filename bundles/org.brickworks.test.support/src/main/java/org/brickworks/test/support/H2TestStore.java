package org.brickworks.test.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.brickworks.store.api.SqlWork;
import org.brickworks.store.api.Store;
import org.brickworks.store.api.StoreException;
import org.h2.jdbcx.JdbcConnectionPool;

/** A small real {@link Store} over an H2 file database, so services run against real SQL in unit tests. */
public final class H2TestStore implements Store, AutoCloseable {
    private final JdbcConnectionPool pool;

    public H2TestStore(Path directory) {
        pool = JdbcConnectionPool.create("jdbc:h2:file:" + directory.resolve("store"), "", "");
        update("CREATE TABLE IF NOT EXISTS schema_version (area VARCHAR(64) PRIMARY KEY, version INT NOT NULL)");
    }

    @Override
    public <T> T transaction(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Store transaction failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void migrate(String area, List<String> migrations) {
        int applied = transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT version FROM schema_version WHERE area = ?")) {
                s.setString(1, area);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? r.getInt(1) : 0;
                }
            }
        });
        for (int i = applied; i < migrations.size(); i++) {
            String statement = migrations.get(i);
            int version = i + 1;
            transaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute(statement);
                }
                try (PreparedStatement s = c
                        .prepareStatement("MERGE INTO schema_version (area, version) VALUES (?, ?)")) {
                    s.setString(1, area);
                    s.setInt(2, version);
                    return s.executeUpdate();
                }
            });
        }
    }

    @Override
    public String describe() {
        return "H2 (test)";
    }

    /** Runs one SQL statement in its own transaction; for tests that set up or inspect rows directly. */
    public int update(String sql, Object... params) {
        return transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    s.setObject(i + 1, params[i]);
                }
                return s.executeUpdate();
            }
        });
    }

    /** The single value a query returns, or null without a row. */
    public Object queryValue(String sql, Object... params) {
        return transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    s.setObject(i + 1, params[i]);
                }
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? r.getObject(1) : null;
                }
            }
        });
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
