package org.brickworks.store.internal;

import javax.sql.ConnectionPoolDataSource;

import org.brickworks.core.api.BrickworksException;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGConnectionPoolDataSource;

/** The JDBC drivers the store knows, chosen by URL; each driver's own data source, no DriverManager. */
final class DataSources {
    private DataSources() {
    }

    static ConnectionPoolDataSource forUrl(String url, String user, String password) {
        if (url.startsWith("jdbc:h2:")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url);
            h2.setUser(user);
            h2.setPassword(password);
            return h2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            PGConnectionPoolDataSource postgres = new PGConnectionPoolDataSource();
            postgres.setURL(url);
            postgres.setUser(user);
            postgres.setPassword(password);
            return postgres;
        }
        throw BrickworksException.invalidParameter(
                "Unsupported store URL " + withoutSecrets(url) + ": use jdbc:h2:... or jdbc:postgresql://...");
    }

    /** The URL without its query and parameters, which may carry a password. */
    static String withoutSecrets(String url) {
        return url.replaceAll("[?;].*$", "");
    }
}
