package org.brickworks.clusters.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.brickworks.clusters.api.ClusterLauncher;
import org.brickworks.clusters.api.ClusterListener;
import org.brickworks.clusters.api.DriverAgent;
import org.brickworks.clusters.api.DriverConfigurer;
import org.brickworks.clusters.api.DriverInitializer;
import org.brickworks.clusters.api.dto.ClusterInfo;
import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.clusters.api.dto.ClusterState;
import org.brickworks.clusters.api.dto.DriverChannel;
import org.brickworks.clusters.api.dto.ExecutorNode;
import org.brickworks.clusters.api.dto.TerminationReason;
import org.brickworks.core.api.Awaiting;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.core.api.PlatformInfo;
import org.brickworks.libraries.api.MavenResolver;
import org.brickworks.runtimes.api.RuntimeRegistry;
import org.brickworks.secrets.api.SecretService;
import org.brickworks.store.api.Store;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clusters' drivers, shared by this bundle's services: the clusters in the store, the running and pooled drivers,
 * the whiteboards around a driver's start ({@link ClusterLauncher}, {@link DriverConfigurer},
 * {@link DriverInitializer}, {@link ClusterListener}) and the agent protocol ({@link DriverAgent}). Running drivers
 * outlive an update of this bundle: at activation the drivers a previous instance left are adopted in the background
 * (callers that need them wait for that); a platform stop terminates them. Clusters whose node type no launcher
 * offers for the service wait (a launcher that went away for good) are terminated, naming the launcher.
 */
@Component(service = DriverFleet.class, configurationPid = "org.brickworks.clusters")
@Designate(ocd = ClustersConfig.class)
public class DriverFleet implements DriverHooks {
    private static final Logger LOG = LoggerFactory.getLogger(DriverFleet.class);
    private static final TerminationReason SERVICE_STOPPED = new TerminationReason("UNKNOWN", "SERVICE_FAULT",
            "The clusters service stopped (platform stop or bundle update)");
    private static final Duration ADOPTION_PATIENCE = Duration.ofMinutes(2);

    private final ClusterListeners listeners = new ClusterListeners();
    private final ClusterLaunchers launchers = new ClusterLaunchers();
    private final Activity activity = new Activity();
    private final ClusterRecords records;
    private final DriverRunner runner;
    private final InstancePools pools;
    private final Path clustersFolder;
    private final BooleanSupplier platformStopping;
    private final AgentSource agents;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "brickworks-clusters-timers");
        thread.setDaemon(true);
        return thread;
    });
    private final CompletableFuture<Void> adopted;
    private volatile ClustersConfig config;
    private volatile Map<String, Object> httpRuntime;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile List<DriverConfigurer> configurers = List.of();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile List<DriverInitializer> initializers = List.of();

    private List<ServiceTracker<?, ?>> trackers = List.of();
    /** The secrets service for {@code {{secrets/...}}} references; null without OSGi. */
    private ServiceTracker<SecretService, SecretService> secrets;

    @Activate
    public DriverFleet(@Reference(target = Store.SHARED) Store store, BundleContext context, ClustersConfig config) {
        this(store, opened(new ServiceTracker<>(context, RuntimeRegistry.class, null)),
                opened(new ServiceTracker<>(context, MavenResolver.class, null)), context, config);
    }

    /**
     * The runtimes and the Maven resolver are tracked, not referenced: they are needed when a driver starts, and a
     * reference would restart the fleet whenever the runtimes or libraries bundle is updated.
     */
    private DriverFleet(Store store, ServiceTracker<RuntimeRegistry, RuntimeRegistry> runtimes,
            ServiceTracker<MavenResolver, MavenResolver> resolver, BundleContext context, ClustersConfig config) {
        this(store, Awaiting.proxy(runtimes, RuntimeRegistry.class, "runtimes"),
                Awaiting.proxy(resolver, MavenResolver.class, "Maven resolver"), PlatformInfo.dataDirectoryOf(context),
                config, AgentSource.tracked(context), () -> context.getBundle(0).getState() == Bundle.STOPPING);
        secrets = opened(new ServiceTracker<>(context, SecretService.class, null));
        trackers = List.of(runtimes, resolver, secrets);
    }

    static <S> ServiceTracker<S, S> opened(ServiceTracker<S, S> tracker) {
        tracker.open();
        return tracker;
    }

    /**
     * Without OSGi: {@code agents} gives the agent protocol, {@code platformStopping} tells a platform stop (drivers
     * stop with the service) from a bundle update (they are left to the next instance).
     */
    DriverFleet(Store store, RuntimeRegistry runtimes, MavenResolver resolver, Path dataDirectory,
            ClustersConfig config, AgentSource agents, BooleanSupplier platformStopping) {
        this.config = config;
        this.agents = agents;
        this.platformStopping = platformStopping;
        this.clustersFolder = dataDirectory.resolve("clusters");
        this.records = new ClusterRecords(store, listeners::clusterChanged);
        this.runner = new DriverRunner(records, new DriverLaunching(runtimes, new DriverClasspath(records, runtimes,
                resolver, dataDirectory.resolve("cache/agents")), launchers, this, clustersFolder), this);
        this.pools = new InstancePools(new PoolRecords(store), records, runner, runtimes, ClusterIds::next);
        DriverAdoption adoption = new DriverAdoption(records, runner, clustersFolder, this::agent);
        // The clusters of the previous instance; those created from now on are this one's.
        List<ClusterInfo> before = records.list();
        this.adopted = CompletableFuture.runAsync(() -> adoption.adoptOrTerminate(before, SERVICE_STOPPED), timers);
        scheduleOrphanCheck();
    }

    @Modified
    void modified(ClustersConfig changed) {
        config = changed;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindLauncher(ClusterLauncher launcher, Map<String, Object> properties) {
        launchers.add(launcherName(properties), launcher);
    }

    void unbindLauncher(ClusterLauncher launcher, Map<String, Object> properties) {
        launchers.remove(launcherName(properties), launcher);
        scheduleOrphanCheck();
    }

    private static String launcherName(Map<String, Object> properties) {
        Object name = properties.get(ClusterLauncher.TYPE_PROPERTY);
        return name instanceof String value ? value : null;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindListener(ClusterListener listener) {
        listeners.add(listener);
    }

    void unbindListener(ClusterListener listener) {
        listeners.remove(listener);
    }

    /** The HTTP runtime's properties: its {@code osgi.http.endpoint} is where drivers reach the platform. */
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

    @Deactivate
    void deactivate() throws InterruptedException {
        trackers.forEach(ServiceTracker::close);
        timers.shutdownNow();
        listeners.close();
        pools.close();
        if (platformStopping.getAsBoolean()) {
            runner.close(Duration.ofSeconds(10), SERVICE_STOPPED);
        } else {
            LOG.info("Clusters service stopping alone: running drivers are left for its next instance to adopt");
            runner.detach(Duration.ofSeconds(10), SERVICE_STOPPED);
        }
        agents.close();
    }

    ClusterRecords records() {
        return records;
    }

    DriverRunner runner() {
        return runner;
    }

    InstancePools pools() {
        return pools;
    }

    ClusterLaunchers launchers() {
        return launchers;
    }

    Activity activity() {
        return activity;
    }

    Path clustersFolder() {
        return clustersFolder;
    }

    /**
     * Waits until the drivers a previous instance left are adopted (or their clusters terminated): before that, a
     * RUNNING cluster may have no driver here yet.
     *
     * @throws BrickworksException
     *             {@code TEMPORARILY_UNAVAILABLE} when adoption takes too long
     */
    void awaitAdoption() {
        try {
            adopted.get(ADOPTION_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrickworksException(ErrorCode.TEMPORARILY_UNAVAILABLE, "Interrupted waiting for the drivers");
        } catch (ExecutionException | TimeoutException e) {
            throw new BrickworksException(ErrorCode.TEMPORARILY_UNAVAILABLE,
                    "The clusters service is still taking over the running drivers; try again shortly", e);
        }
    }

    /**
     * Terminates an active cluster with {@code reason}: TERMINATING at once, its driver stopped in the background;
     * nothing for a cluster that is not active.
     *
     * @throws BrickworksException
     *             {@code RESOURCE_DOES_NOT_EXIST} for an unknown cluster
     */
    void terminate(String clusterId, TerminationReason reason) {
        ClusterInfo cluster = records.move(clusterId,
                c -> ClusterLifecycle.ACTIVE.contains(c.state())
                        ? ClusterLifecycle.terminating(c, "Terminating the driver")
                        : null,
                "TERMINATING", reason.message())
                .orElseThrow(() -> BrickworksException.notFound("Cluster " + clusterId + " does not exist"));
        if (cluster.state() == ClusterState.TERMINATING) {
            activity.forget(clusterId);
            runner.stop(clusterId, reason);
        }
    }

    /** The executors the cluster's driver reports; empty when it cannot say right now. */
    List<ExecutorNode> executors(String clusterId) {
        Driver driver = runner.driver(clusterId).orElse(null);
        DriverAgent agent = agentNow();
        try {
            return driver == null || agent == null ? List.of() : agent.executors(driver.channel());
        } catch (IOException | RuntimeException e) {
            LOG.debug("Cannot list the executors of cluster {}: {}", clusterId, e.toString());
            return List.of();
        }
    }

    /** Checks, after the service wait, for active clusters whose node type no launcher offers. */
    private void scheduleOrphanCheck() {
        try {
            timers.schedule(this::terminateOrphans, serviceWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Clusters service stopping: no check for clusters without a launcher");
        }
    }

    /** Terminates the active clusters whose node type no launcher offers now, naming the launcher it had. */
    void terminateOrphans() {
        try {
            awaitAdoption();
            for (ClusterInfo cluster : records.list()) {
                String nodeType = cluster.spec().nodeTypeId();
                if (ClusterLifecycle.ACTIVE.contains(cluster.state()) && !launchers.offers(nodeType)) {
                    TerminationReason reason = ClusterLaunchers.gone(launchers.lastLauncherOf(nodeType), nodeType);
                    LOG.warn("Cluster {}: {}", cluster.clusterId(), reason.message());
                    terminate(cluster.clusterId(), reason);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not check for clusters without a launcher", e);
        }
    }

    @Override
    public String platformUrl() {
        Map<String, Object> http = httpRuntime;
        Object endpoints = http == null ? null : http.get("osgi.http.endpoint");
        Object first = endpoints instanceof String[] array && array.length > 0 ? array[0]
                : endpoints instanceof Collection<?> list && !list.isEmpty() ? list.iterator().next() : endpoints;
        if (first == null) {
            return null;
        }
        String base = first.toString().replace("://0.0.0.0:", "://127.0.0.1:");
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    public ClusterSpec resolveSecrets(String clusterId, ClusterSpec spec) throws DriverLaunching.StartFailure {
        if (!SecretReferences.any(spec)) {
            return spec;
        }
        if (secrets == null) {
            throw new DriverLaunching.StartFailure(SecretReferences.FAILURE_CODE,
                    "The cluster's spark_conf or spark_env_vars refer to secrets, and there is no secrets service");
        }
        SecretService service;
        try {
            service = Awaiting.await(secrets, "secrets", serviceWait());
        } catch (BrickworksException e) {
            throw new DriverLaunching.StartFailure(SecretReferences.FAILURE_CODE, e.getMessage());
        }
        String creator = creatorOf(clusterId);
        if (creator == null) {
            throw new DriverLaunching.StartFailure(SecretReferences.FAILURE_CODE, "The cluster's spark_conf or"
                    + " spark_env_vars refer to secrets, and the cluster has no creator whose rights could read them");
        }
        return SecretReferences.resolve(spec, creator, service::get);
    }

    /**
     * {@code text} (a driver's output) with every secret value the cluster's creator may read as {@code [REDACTED]};
     * as it is when there is no secrets service.
     */
    String redacted(String clusterId, String text) {
        ServiceTracker<SecretService, SecretService> tracker = secrets;
        SecretService service = tracker == null ? null : tracker.getService();
        if (service == null && tracker != null && tracker.getTrackingCount() > 0) {
            service = Awaiting.await(tracker, "secrets", serviceWait()); // being swapped: wait rather than show
        }
        String creator = service == null ? null : creatorOf(clusterId);
        return creator == null ? text : service.redaction(creator).redact(text);
    }

    /**
     * The user whose rights resolve a cluster's secret references: its creator ({@code creator_user_name}); null for
     * a cluster the platform made (a job's) or a pool's idle driver.
     */
    private String creatorOf(String clusterId) {
        return records.find(clusterId).map(ClusterInfo::creatorUserName).orElse(null);
    }

    /** A higher-ranked configurer wins on a shared key. */
    @Override
    public Map<String, String> platformConf(String clusterId) {
        Map<String, String> conf = new HashMap<>();
        configurers.forEach(configurer -> conf.putAll(configurer.sparkConf(clusterId)));
        return conf;
    }

    @Override
    public void initialize(DriverChannel driver) {
        initializers.forEach(initializer -> initializer.initialize(driver));
    }

    @Override
    public DriverAgent agent() {
        return agents.await(serviceWait());
    }

    @Override
    public DriverAgent agentNow() {
        return agents.now();
    }

    @Override
    public Duration serviceWait() {
        return Duration.ofSeconds(Math.max(1, config.serviceWaitSeconds()));
    }
}
