package org.brickworks.store.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.brickworks.core.api.PlatformInfo;
import org.brickworks.store.api.SqlWork;
import org.brickworks.store.api.Store;
import org.brickworks.store.api.StoreException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata store over a JDBC connection pool ({@link DataSources}): an H2 file database under the data directory
 * unless {@code url} names another database (PostgreSQL). A configuration change replaces the component (no {@code @Modified}): dependants
 * rebind to a store on the new database.
 * <p>
 * It starts only once its configuration exists (the distribution ships {@code etc/org.brickworks.store.cfg}): starting
 * on the default H2 database before File Install delivers a PostgreSQL URL would run the admin bootstrap against the
 * wrong database, and on a node whose PostgreSQL already has an admin leave {@code admin-token} holding a token of that
 * throwaway H2 database.
 */
@Component(configurationPid = "org.brickworks.store", configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = Store.ROLE_PROPERTY + "=provider")
@Designate(ocd = StoreConfig.class)
public class JdbcStore implements Store {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);

    private final DataSources.Pool pool;
    private final String description;

    /** The data directory is read from the framework, so that an update of the core bundle leaves the store up. */
    @Activate
    public JdbcStore(BundleContext context, StoreConfig config) {
        this(PlatformInfo.dataDirectoryOf(context), config);
    }

    public JdbcStore(PlatformInfo platform, StoreConfig config) {
        this(platform.dataDirectory(), config);
    }

    private JdbcStore(Path dataDirectory, StoreConfig config) {
        String url = config.url().isBlank() ? "jdbc:h2:file:" + dataDirectory.resolve("store/brickworks")
                : config.url();
        pool = DataSources.open(url, config, StorePassword.of(config, System.getenv(StorePassword.ENVIRONMENT)));
        description = transaction(
                c -> c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion());
        transaction(c -> Migrations.createVersionTable(c));
        LOG.info("Store ready: {} at {}", description, DataSources.withoutSecrets(url));
    }

    @Deactivate
    void close() {
        try {
            pool.closer().close();
            LOG.info("Store closed");
        } catch (Exception e) {
            LOG.warn("Store's connections did not close cleanly", e);
        }
    }

    @Override
    public <T> T transaction(SqlWork<T> work) {
        try (Connection connection = pool.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Store transaction failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void migrate(String area, List<String> migrations) {
        int applied = transaction(c -> Migrations.version(c, area));
        for (int i = applied; i < migrations.size(); i++) {
            int version = i + 1;
            String statement = migrations.get(i);
            transaction(c -> Migrations.apply(c, area, version, statement));
            LOG.info("Store schema of {} migrated to version {}", area, version);
        }
    }

    @Override
    public String describe() {
        return description;
    }
}
