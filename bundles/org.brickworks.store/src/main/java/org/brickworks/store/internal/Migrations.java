package org.brickworks.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The {@code schema_version} table: one row per area with the number of migrations applied. */
final class Migrations {
    private Migrations() {
    }

    static Void createVersionTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (area VARCHAR(64) PRIMARY KEY, version INT NOT NULL)");
        }
        return null;
    }

    static int version(Connection c, String area) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT version FROM schema_version WHERE area = ?")) {
            s.setString(1, area);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            }
        }
    }

    /** Applies one migration and records it, in the caller's transaction. */
    static Void apply(Connection c, String area, int version, String statement) throws SQLException {
        if (version(c, area) >= version) {
            return null; // another node or an earlier activation applied it meanwhile
        }
        try (Statement s = c.createStatement()) {
            s.execute(statement);
        }
        String record = version == 1 ? "INSERT INTO schema_version (version, area) VALUES (?, ?)"
                : "UPDATE schema_version SET version = ? WHERE area = ?";
        try (PreparedStatement s = c.prepareStatement(record)) {
            s.setInt(1, version);
            s.setString(2, area);
            s.executeUpdate();
        }
        return null;
    }
}
