package org.brickworks.store.api;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of JDBC work run by the {@link Store} on a connection it owns. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
