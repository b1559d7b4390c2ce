package org.brickworks.clusters.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.brickworks.clusters.api.ClusterLauncher;
import org.brickworks.clusters.api.DriverConfigurer;
import org.brickworks.clusters.api.ClusterListener;
import org.brickworks.clusters.api.ClusterService;
import org.brickworks.clusters.api.CommandExecution;
import org.brickworks.clusters.api.DriverLibraries;
import org.brickworks.clusters.api.InstancePoolService;
import org.brickworks.clusters.api.NotebookLibraryResolver;
import org.brickworks.clusters.api.dto.ClusterEvent;
import org.brickworks.clusters.api.dto.ClusterInfo;
import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.clusters.api.dto.ClusterState;
import org.brickworks.clusters.api.dto.CommandResult;
import org.brickworks.clusters.api.dto.EventPage;
import org.brickworks.clusters.api.dto.EventQuery;
import org.brickworks.clusters.api.dto.ExecutorNode;
import org.brickworks.clusters.api.dto.InstancePool;
import org.brickworks.clusters.api.dto.NodeType;
import org.brickworks.clusters.api.dto.TerminationReason;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.core.api.PlatformInfo;
import org.brickworks.libraries.api.MavenResolver;
import org.brickworks.runtimes.api.RuntimeRegistry;
import org.brickworks.store.api.Store;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * Clusters in the store, their drivers started by the local launcher (or, for clusters with workers, by a
 * {@code standalone} launcher when one is registered). Running drivers outlive an update of this bundle: the next
 * instance adopts them from the store; a platform stop terminates them. Commands (API 1.2) go to the drivers through
 * {@link AgentCommands}; every command call counts as activity for autotermination.
 */
@Component(service = { ClusterService.class, CommandExecution.class, InstancePoolService.class,
        DriverLibraries.class },
        configurationPid = "org.brickworks.clusters")
@Designate(ocd = ClustersConfig.class)
public class StoreClusterService implements ClusterService, CommandExecution, InstancePoolService, DriverLibraries {
    private static final Logger LOG = LoggerFactory.getLogger(StoreClusterService.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("MMdd-HHmmss");
    private static final TerminationReason USER_REQUEST = new TerminationReason("USER_REQUEST", "SUCCESS",
            "Terminated by a user request");
    private static final TerminationReason SERVICE_STOPPED = new TerminationReason("UNKNOWN", "SERVICE_FAULT",
            "The clusters service stopped (platform stop or bundle update)");

    private final SecureRandom random = new SecureRandom();
    private final ClusterRecords records;
    private final RuntimeRegistry runtimes;
    private final ClusterLauncher localLauncher;
    private final DriverRunner runner;
    private final InstancePools pools;
    private final Path clustersFolder;
    private final Bundle framework;
    private final ClustersConfig config;
    private final AgentCommands commands = new AgentCommands(this::runningDriver, () -> this.notebookLibraries);
    private final AgentLibraries libraries = new AgentLibraries(new AgentCommands(this::driverOfRunning));
    private final ClusterListeners listeners = new ClusterListeners();
    /** When each running cluster last saw a command call (epoch ms); absent: since its driver started. */
    private final Map<String, Long> lastActivity = new ConcurrentHashMap<>();
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "brickworks-clusters-housekeeping");
        thread.setDaemon(true);
        return thread;
    });

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + ClusterLauncher.TYPE_PROPERTY
                    + "=standalone)")
    private volatile ClusterLauncher workersLauncher;

    private volatile Map<String, Object> httpRuntime;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<DriverConfigurer> configurers = List.of();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<NotebookLibraryResolver> notebookLibraries = List.of();

    @Activate
    public StoreClusterService(@Reference Store store, @Reference RuntimeRegistry runtimes,
            @Reference MavenResolver resolver, @Reference PlatformInfo platform,
            @Reference(target = "(" + ClusterLauncher.TYPE_PROPERTY + "=local)") ClusterLauncher launcher,
            BundleContext context, ClustersConfig config) {
        this.records = new ClusterRecords(store, listeners::clusterChanged);
        this.runtimes = runtimes;
        this.localLauncher = launcher;
        this.config = config;
        this.framework = context.getBundle(0);
        this.clustersFolder = platform.dataDirectory().resolve("clusters");
        this.runner = new DriverRunner(records, runtimes, resolver, this::launcher, this::connectAuthUrl,
                this::platformConf, platform.dataDirectory());
        this.pools = new InstancePools(store, records, runner, runtimes, this::newId);
        new DriverAdoption(records, runner, clustersFolder).adoptOrTerminate(SERVICE_STOPPED);
        int every = Math.max(1, config.housekeepingSeconds());
        housekeeping.scheduleWithFixedDelay(this::housekeep, 0, every, TimeUnit.SECONDS);
    }

    /** The HTTP runtime's properties: its {@code osgi.http.endpoint} is where drivers check Connect tokens. */
    @Reference(service = HttpServiceRuntime.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindHttpRuntime(Map<String, Object> properties) {
        httpRuntime = properties;
    }

    void unbindHttpRuntime(Map<String, Object> properties) {
        if (httpRuntime == properties) {
            httpRuntime = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindListener(ClusterListener listener) {
        listeners.add(listener);
    }

    void unbindListener(ClusterListener listener) {
        listeners.remove(listener);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        housekeeping.shutdownNow();
        listeners.close();
        pools.close();
        if (framework.getState() == Bundle.STOPPING) {
            runner.close(Duration.ofSeconds(10), SERVICE_STOPPED);
        } else {
            LOG.info("Clusters service stopping alone: running drivers are left for its next instance to adopt");
            runner.detach(Duration.ofSeconds(10), SERVICE_STOPPED);
        }
    }

    @Override
    public String create(ClusterSpec requested) {
        ClusterSpec spec = validated(requested);
        InstancePools.Taken taken = spec.instancePoolId() == null ? null : pools.take(spec);
        String clusterId = taken == null ? newId() : taken.clusterId();
        records.insert(ClusterLifecycle.pending(clusterId, spec, System.currentTimeMillis()), "CREATING",
                "Cluster " + spec.clusterName() + " on " + spec.sparkVersion());
        LOG.info("Cluster {} ({}) created on {}", clusterId, spec.clusterName(), spec.sparkVersion());
        if (taken != null && taken.driver() != null) {
            pools.attach(clusterId, taken.driver());
        } else {
            runner.start(clusterId, spec);
        }
        return clusterId;
    }

    @Override
    public void edit(String clusterId, ClusterSpec requested) {
        ClusterSpec spec = validated(requested);
        ClusterInfo edited = records.move(clusterId, c -> c.state() == ClusterState.RUNNING
                ? ClusterLifecycle.restarting(c, spec)
                : ClusterLifecycle.edited(c, spec), "EDITED", "Spec changed: " + describe(spec))
                .orElseThrow(() -> notFound(clusterId));
        if (edited.state() != ClusterState.TERMINATED) {
            lastActivity.remove(clusterId);
            runner.restart(clusterId, spec);
        }
    }

    @Override
    public void start(String clusterId) {
        ClusterInfo cluster = records.move(clusterId,
                c -> ClusterLifecycle.restarted(ClusterLifecycle.require(c, ClusterState.TERMINATED, "started")),
                "STARTING", "Started by a user").orElseThrow(() -> notFound(clusterId));
        runner.start(clusterId, cluster.spec());
    }

    @Override
    public void restart(String clusterId) {
        ClusterInfo cluster = records.move(clusterId,
                c -> ClusterLifecycle.restarting(ClusterLifecycle.require(c, ClusterState.RUNNING, "restarted"),
                        c.spec()),
                "RESTARTING", "Restarted by a user").orElseThrow(() -> notFound(clusterId));
        lastActivity.remove(clusterId);
        runner.restart(clusterId, cluster.spec());
    }

    @Override
    public void pin(String clusterId, boolean pinned) {
        records.move(clusterId, c -> c.pinned() == pinned ? null : ClusterLifecycle.pinned(c, pinned),
                pinned ? "PINNED" : "UNPINNED", "").orElseThrow(() -> notFound(clusterId));
    }

    @Override
    public List<NodeType> nodeTypes() {
        return LocalNodeTypes.ALL;
    }

    @Override
    public ClusterInfo get(String clusterId) {
        ClusterInfo cluster = stored(clusterId);
        return cluster.state() == ClusterState.RUNNING && cluster.spec().maxWorkers() > 0
                ? cluster.withExecutors(executors(clusterId))
                : cluster;
    }

    @Override
    public List<ClusterInfo> list() {
        return records.list();
    }

    @Override
    public void terminate(String clusterId) {
        terminate(clusterId, USER_REQUEST);
    }

    private void terminate(String clusterId, TerminationReason reason) {
        ClusterInfo cluster = records.move(clusterId,
                c -> ClusterLifecycle.ACTIVE.contains(c.state())
                        ? ClusterLifecycle.terminating(c, "Terminating the driver")
                        : null,
                "TERMINATING", reason.message()).orElseThrow(() -> notFound(clusterId));
        if (cluster.state() == ClusterState.TERMINATING) {
            lastActivity.remove(clusterId);
            runner.stop(clusterId, reason);
        }
    }

    @Override
    public void permanentDelete(String clusterId) {
        terminate(clusterId);
        records.delete(clusterId);
        LOG.info("Cluster {} permanently deleted", clusterId);
    }

    @Override
    public List<ClusterEvent> events(String clusterId) {
        stored(clusterId);
        return records.events(clusterId);
    }

    @Override
    public EventPage events(String clusterId, EventQuery query) {
        stored(clusterId);
        return records.events(clusterId, query);
    }

    @Override
    public String driverLog(String clusterId, int maxBytes) {
        stored(clusterId);
        return DriverLogTail.read(clustersFolder.resolve(clusterId).resolve(LocalClusterLauncher.DRIVER_LOG),
                maxBytes);
    }

    @Override
    public String driverCluster(String secret) {
        String clusterId = secret == null || secret.isBlank() ? null : runner.clusterWithSecret(secret).orElse(null);
        if (clusterId == null) {
            throw BrickworksException.unauthenticated("The token is not the secret of a running cluster's driver");
        }
        runningDriver(clusterId);
        return clusterId;
    }

    @Override
    public String createPool(InstancePool pool) {
        LocalNodeTypes.get(pool.nodeTypeId());
        pool.preloadedSparkVersions().forEach(runtimes::get);
        return pools.create(pool);
    }

    @Override
    public InstancePool getPool(String instancePoolId) {
        return pools.get(instancePoolId);
    }

    @Override
    public List<InstancePool> listPools() {
        return pools.list();
    }

    @Override
    public void deletePool(String instancePoolId) {
        pools.delete(instancePoolId);
    }

    @Override
    public String createContext(String clusterId, String language) {
        return commands.createContext(clusterId, language);
    }

    @Override
    public String createContext(String clusterId, String language, Map<String, String> parameters) {
        return commands.createContext(clusterId, language, parameters);
    }

    @Override
    public String contextStatus(String clusterId, String contextId) {
        return commands.contextStatus(clusterId, contextId);
    }

    @Override
    public void destroyContext(String clusterId, String contextId) {
        commands.destroyContext(clusterId, contextId);
    }

    @Override
    public String execute(String clusterId, String contextId, String language, String command) {
        return commands.execute(clusterId, contextId, language, command);
    }

    @Override
    public String execute(String clusterId, String contextId, String language, String command,
            Map<String, String> parameters) {
        return commands.execute(clusterId, contextId, language, command, parameters);
    }

    @Override
    public CommandResult status(String clusterId, String contextId, String commandId, long waitMillis) {
        return commands.status(clusterId, contextId, commandId, waitMillis);
    }

    @Override
    public void cancel(String clusterId, String contextId, String commandId) {
        commands.cancel(clusterId, contextId, commandId);
    }

    @Override
    public void add(String clusterId, List<Path> jars, List<Path> pythonPaths) {
        libraries.add(clusterId, jars, pythonPaths);
    }

    /** The cluster's driver when it is RUNNING, for a call that is no activity of a user. */
    private Driver driverOfRunning(String clusterId) {
        ClusterInfo cluster = stored(clusterId);
        if (cluster.state() != ClusterState.RUNNING) {
            throw notRunning(clusterId, cluster.state());
        }
        return runner.driver(clusterId).orElseThrow(() -> notRunning(clusterId, ClusterState.TERMINATING));
    }

    /** The cluster's driver for a command call, which counts as activity. */
    private Driver runningDriver(String clusterId) {
        ClusterState state = records.state(clusterId).orElseThrow(() -> notFound(clusterId));
        if (state != ClusterState.RUNNING) {
            throw notRunning(clusterId, state);
        }
        Driver driver = runner.driver(clusterId).orElseThrow(() -> notRunning(clusterId, ClusterState.TERMINATING));
        lastActivity.put(clusterId, System.currentTimeMillis());
        return driver;
    }

    /** The launcher for a spec: one with real workers for a cluster that has workers, when there is one. */
    private ClusterLauncher launcher(ClusterSpec spec) {
        ClusterLauncher workers = workersLauncher;
        return spec.maxWorkers() > 0 && workers != null ? workers : localLauncher;
    }

    /** What the driver configurers give a driver of the cluster; a higher-ranked configurer wins on a shared key. */
    private Map<String, String> platformConf(String clusterId) {
        Map<String, String> conf = new HashMap<>();
        configurers.forEach(configurer -> conf.putAll(configurer.sparkConf(clusterId)));
        return conf;
    }

    private String connectAuthUrl() {
        Map<String, Object> http = httpRuntime;
        Object endpoints = http == null ? null : http.get("osgi.http.endpoint");
        Object first = endpoints instanceof String[] array && array.length > 0 ? array[0]
                : endpoints instanceof Collection<?> list && !list.isEmpty() ? list.iterator().next() : endpoints;
        if (first == null) {
            return null;
        }
        String base = first.toString().replace("://0.0.0.0:", "://127.0.0.1:");
        return (base.endsWith("/") ? base : base + "/") + "api/2.0/preview/scim/v2/Me";
    }

    /** The executors the cluster's agent reports; empty when it cannot say right now. */
    private List<ExecutorNode> executors(String clusterId) {
        try {
            Driver driver = runner.driver(clusterId).orElse(null);
            return driver == null ? List.of() : driver.executors();
        } catch (IOException e) {
            LOG.debug("Cannot list the executors of cluster {}: {}", clusterId, e.toString());
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** Autotermination of idle clusters, forgetting long-terminated ones, refilling pools. Never throws. */
    private void housekeep() {
        try {
            long now = System.currentTimeMillis();
            for (ClusterInfo cluster : records.list()) {
                if (Housekeeping.idleTooLong(cluster, lastActivity.get(cluster.clusterId()), now)) {
                    LOG.info("Cluster {} idle for {} minutes: terminating it", cluster.clusterId(),
                            cluster.spec().autoterminationMinutes());
                    terminate(cluster.clusterId(), Housekeeping.inactivity(cluster));
                } else if (Housekeeping.expired(cluster, config.terminatedRetentionDays(), now)) {
                    LOG.info("Cluster {} terminated over {} days ago: forgetting it", cluster.clusterId(),
                            config.terminatedRetentionDays());
                    records.delete(cluster.clusterId());
                }
            }
            pools.refill();
        } catch (RuntimeException e) {
            LOG.warn("Cluster housekeeping failed; trying again next round", e);
        }
    }

    private ClusterSpec validated(ClusterSpec requested) {
        ClusterValidation.validate(requested);
        runtimes.get(requested.sparkVersion());
        String nodeType = requested.nodeTypeId();
        if (requested.instancePoolId() != null) {
            String poolNodeType = pools.get(requested.instancePoolId()).nodeTypeId();
            if (nodeType != null && !nodeType.equals(poolNodeType)) {
                throw BrickworksException.invalidParameter("node_type_id " + nodeType + " differs from the node type "
                        + poolNodeType + " of instance pool " + requested.instancePoolId());
            }
            nodeType = poolNodeType;
        }
        return requested.withNodeTypeId(LocalNodeTypes.get(nodeType).nodeTypeId());
    }

    private static String describe(ClusterSpec spec) {
        return spec.sparkVersion() + ", " + spec.nodeTypeId() + ", "
                + (spec.autoscale() == null ? spec.numWorkers() + " workers"
                        : spec.autoscale().minWorkers() + "-" + spec.autoscale().maxWorkers() + " workers");
    }

    private static BrickworksException notRunning(String clusterId, ClusterState state) {
        return new BrickworksException(ErrorCode.INVALID_STATE,
                "Cluster " + clusterId + " is " + state + ", not RUNNING: commands need a running cluster");
    }

    /** Databricks' form, e.g. {@code 1125-145701-a1b2c3d4}. */
    private String newId() {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            suffix.append(Character.forDigit(random.nextInt(36), 36));
        }
        return ID_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + suffix;
    }

    /** The cluster as the store has it (without asking its driver for executors). */
    private ClusterInfo stored(String clusterId) {
        return records.find(clusterId).orElseThrow(() -> notFound(clusterId));
    }

    private static BrickworksException notFound(String clusterId) {
        return BrickworksException.notFound("Cluster " + clusterId + " does not exist");
    }
}
