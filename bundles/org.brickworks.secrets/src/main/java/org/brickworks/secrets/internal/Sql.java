package org.brickworks.secrets.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The one JDBC shape the secrets area repeats: a statement with positional parameters, in a caller's transaction. */
final class Sql {
    private Sql() {
    }

    /** @return the number of rows changed */
    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement.executeUpdate();
        }
    }
}
