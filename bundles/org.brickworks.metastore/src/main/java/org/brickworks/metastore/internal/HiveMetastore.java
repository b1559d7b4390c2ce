package org.brickworks.metastore.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.brickworks.clusters.api.DriverConfigurer;
import org.brickworks.core.api.Awaiting;
import org.brickworks.core.api.PlatformInfo;
import org.brickworks.libraries.api.MavenResolver;
import org.brickworks.libraries.api.dto.MavenRequest;
import org.brickworks.libraries.api.dto.ResolvedArtifact;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's shared catalog: every driver's Spark session uses a Hive metastore whose schema lives in one
 * database, so a table created by name outlives its cluster and every cluster sees it. By default that database is
 * served by an Apache Derby network server this component runs on loopback in a JVM of its own (its jars resolved
 * like any library, its files under {@code <data>/metastore}); an external database (PostgreSQL) is a configuration
 * away. Drivers connect with Hive's
 * own JDO settings, given to them as {@link DriverConfigurer} conf; DataNucleus creates the whole schema when the first
 * driver's metastore client starts. The database starts in the background once the framework has started (so after
 * the platform serves: it is not needed for that, and on a small machine a second JVM starting would slow the platform's
 * start down), long before a cluster that needs it has started its driver. Its readiness is the Apache Felix Health
 * Check {@value #CHECK}, tagged {@code brickworks.background}: not part of the platform's readiness.
 */
@Component(service = { DriverConfigurer.class, HealthCheck.class }, configurationPid = "org.brickworks.metastore",
        property = { HealthCheck.NAME + "=" + HiveMetastore.CHECK, HealthCheck.TAGS + "=brickworks.background" })
@Designate(ocd = MetastoreConfig.class)
public class HiveMetastore implements DriverConfigurer, HealthCheck {
    static final String CHECK = "metastore";
    /** Where Databricks keeps managed tables, on DBFS (which drivers reach through the {@code dbfs} scheme). */
    static final String DEFAULT_WAREHOUSE = "dbfs:/user/hive/warehouse";
    private static final Logger LOG = LoggerFactory.getLogger(HiveMetastore.class);
    /** The persistent classes of the Hive 2.3 metastore (its package.jdo), in an order their references allow. */
    private static final List<String> MODEL_CLASSES = List.of("MDatabase", "MFieldSchema", "MType", "MTable",
            "MConstraint", "MSerDeInfo", "MOrder", "MColumnDescriptor", "MStringList", "MStorageDescriptor",
            "MPartition", "MIndex", "MRole", "MRoleMap", "MGlobalPrivilege", "MDBPrivilege", "MTablePrivilege",
            "MPartitionPrivilege", "MTableColumnPrivilege", "MPartitionColumnPrivilege", "MPartitionEvent",
            "MMasterKey", "MDelegationToken", "MTableColumnStatistics", "MPartitionColumnStatistics", "MVersionTable",
            "MResourceUri", "MFunction", "MNotificationLog", "MNotificationNextId");

    /** How long a driver's start waits for the catalog's database, which starts in the background. */
    private static final long READY_PATIENCE_SECONDS = 120;

    private final CompletableFuture<Catalog> catalog = new CompletableFuture<>();

    /** The running catalog: its Derby server (null for an external database) and the drivers' conf. */
    private record Catalog(DerbyServer derby, Map<String, String> sparkConf) {
    }

    private final ServiceTracker<MavenResolver, MavenResolver> resolverTracker;
    private final AfterFrameworkStart starting;

    /**
     * Starts the catalog's database in the background once the framework has started: nothing the platform serves
     * needs it, only drivers do, and a driver's start waits for it ({@link #sparkConf}).
     */
    @Activate
    public HiveMetastore(BundleContext context, MetastoreConfig config) {
        // Tracked, not referenced: the catalog needs the resolver once, at its start, and a reference would restart
        // it whenever the libraries bundle is updated.
        resolverTracker = new ServiceTracker<>(context, MavenResolver.class, null);
        resolverTracker.open();
        MavenResolver resolver = Awaiting.proxy(resolverTracker, MavenResolver.class, "Maven resolver");
        Path dataDirectory = PlatformInfo.dataDirectoryOf(context);
        starting = AfterFrameworkStart.run(context, () -> startInBackground(dataDirectory, resolver, config));
    }

    private void startInBackground(Path dataDirectory, MavenResolver resolver, MetastoreConfig config) {
        Thread starter = new Thread(() -> {
            try {
                catalog.complete(start(dataDirectory, resolver, config));
            } catch (IOException | RuntimeException e) {
                LOG.error("The shared catalog could not start; clusters cannot start until it does", e);
                catalog.completeExceptionally(e);
            }
        }, "brickworks-metastore-start");
        starter.setDaemon(true);
        starter.start();
    }

    private static Catalog start(Path data, MavenResolver resolver, MetastoreConfig config) throws IOException {
        String warehouse = config.warehouseDir().isBlank() ? DEFAULT_WAREHOUSE : config.warehouseDir();
        if (!config.jdbcUrl().isBlank()) {
            LOG.info("Shared catalog: Hive metastore in {}, warehouse {}", config.jdbcUrl(), warehouse);
            return new Catalog(null, sparkConf(config.jdbcUrl(), config.jdbcDriver(), config.user(), config.password(),
                    warehouse));
        }
        List<Path> classpath = resolver.resolve(new MavenRequest(List.of(DerbyServer.COORDINATES), List.of(),
                List.of())).artifacts().stream().map(ResolvedArtifact::file).toList();
        DerbyServer derby = DerbyServer.start(data.resolve("metastore"), config.port(), classpath);
        LOG.info("Shared catalog: Hive metastore on the Derby network server at 127.0.0.1:{}, warehouse {}",
                derby.port(), warehouse);
        return new Catalog(derby, sparkConf(derby.clientUrl(), DerbyServer.CLIENT_DRIVER, DerbyServer.USER,
                derby.password(), warehouse));
    }

    @Override
    public Result execute() {
        if (!catalog.isDone()) {
            return new Result(Result.Status.TEMPORARILY_UNAVAILABLE,
                    "Starting in the background (after the platform's start)");
        }
        try {
            Catalog started = catalog.getNow(null);
            return new Result(Result.Status.OK, started.derby() == null ? "External database "
                    + started.sparkConf().get("spark.hadoop.javax.jdo.option.ConnectionURL")
                    : "Derby network server on 127.0.0.1:" + started.derby().port());
        } catch (RuntimeException e) {
            return new Result(Result.Status.CRITICAL, "Did not start: " + e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        resolverTracker.close();
        if (starting.cancel()) {
            catalog.completeExceptionally(new IllegalStateException("The platform stopped before the catalog started"));
            return;
        }
        try {
            Catalog started = catalog.get(READY_PATIENCE_SECONDS, TimeUnit.SECONDS);
            if (started.derby() != null) {
                started.derby().stop();
            }
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("The catalog never started: nothing to stop");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the catalog to have started, then gives its conf; fails the driver's start when it cannot. */
    @Override
    public Map<String, String> sparkConf(String clusterId) {
        try {
            return catalog.get(READY_PATIENCE_SECONDS, TimeUnit.SECONDS).sparkConf();
        } catch (ExecutionException e) {
            throw new IllegalStateException("The shared catalog did not start: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("The shared catalog is still starting after " + READY_PATIENCE_SECONDS
                    + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for the shared catalog", e);
        }
    }

    /** A driver's conf for a Hive metastore in the database at {@code jdbcUrl}. */
    static Map<String, String> sparkConf(String jdbcUrl, String jdbcDriver, String user, String password,
            String warehouse) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.sql.catalogImplementation", "hive");
        conf.put("spark.sql.warehouse.dir", warehouse);
        conf.put("spark.hadoop.javax.jdo.option.ConnectionURL", jdbcUrl);
        conf.put("spark.hadoop.javax.jdo.option.ConnectionDriverName", jdbcDriver);
        conf.put("spark.hadoop.javax.jdo.option.ConnectionUserName", user);
        conf.put("spark.hadoop.javax.jdo.option.ConnectionPassword", password);
        // No schematool run: the first driver that needs the schema creates it, and no version check refuses it.
        conf.put("spark.hadoop.datanucleus.schema.autoCreateAll", "true");
        conf.put("spark.hadoop.hive.metastore.schema.verification", "false");
        // The whole schema when the metastore starts, not table by table inside the first statements' transactions:
        // created lazily, a table's foreign key to TBLS waits, on another connection, for the very transaction that
        // needs it, and PostgreSQL (whose DDL takes locks) hangs there for good.
        conf.put("spark.hadoop.datanucleus.autoStartMechanism", "Classes");
        conf.put("spark.hadoop.datanucleus.autoStartClassNames", MODEL_CLASSES.stream()
                .map(name -> "org.apache.hadoop.hive.metastore.model." + name).collect(Collectors.joining(",")));
        return Map.copyOf(conf);
    }
}
