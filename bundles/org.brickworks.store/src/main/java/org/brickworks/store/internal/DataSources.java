package org.brickworks.store.internal;

import java.time.Duration;

import javax.sql.DataSource;

import org.brickworks.core.api.BrickworksException;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The connection pool of a store URL, each database's own driver and no DriverManager: the embedded H2 database
 * through H2's own pool (no network, nothing goes stale), PostgreSQL through HikariCP, which validates connections
 * before handing them out and retires them after their maximum lifetime (a server restart, a firewall's idle timeout
 * or a failover never leaves the store with dead connections).
 */
final class DataSources {
    private DataSources() {
    }

    /** A pool and how to close it. */
    record Pool(DataSource dataSource, AutoCloseable closer) {
    }

    /** @param password the database password, as {@link StorePassword} found it */
    static Pool open(String url, StoreConfig config, String password) {
        if (url.startsWith("jdbc:h2:")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url);
            h2.setUser(config.user());
            h2.setPassword(password);
            JdbcConnectionPool pool = JdbcConnectionPool.create(h2);
            pool.setMaxConnections(config.maxConnections());
            return new Pool(pool, pool::dispose);
        }
        if (url.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource postgres = new PGSimpleDataSource();
            postgres.setURL(url);
            postgres.setUser(config.user());
            postgres.setPassword(password);
            HikariConfig hikari = new HikariConfig();
            hikari.setPoolName("brickworks-store");
            hikari.setDataSource(postgres);
            hikari.setMaximumPoolSize(config.maxConnections());
            hikari.setMinimumIdle(1);
            hikari.setMaxLifetime(Duration.ofSeconds(config.maxLifetimeSeconds()).toMillis());
            hikari.setConnectionTimeout(Duration.ofSeconds(config.connectionTimeoutSeconds()).toMillis());
            hikari.setAutoCommit(false);
            HikariDataSource pool = new HikariDataSource(hikari);
            return new Pool(pool, pool::close);
        }
        throw BrickworksException.invalidParameter(
                "Unsupported store URL " + withoutSecrets(url) + ": use jdbc:h2:... or jdbc:postgresql://...");
    }

    /** The URL without its query and parameters, which may carry a password. */
    static String withoutSecrets(String url) {
        return url.replaceAll("[?;].*$", "");
    }
}
