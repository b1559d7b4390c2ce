package org.brickworks.clusters.internal;

import java.io.IOException;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.brickworks.clusters.api.dto.ClusterInfo;
import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.clusters.api.dto.ClusterState;
import org.brickworks.clusters.api.dto.InstancePool;
import org.brickworks.clusters.api.dto.TerminationReason;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.runtimes.api.RuntimeRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance pools' idle drivers: each pool keeps {@code min_idle_instances} drivers ready on its first preloaded
 * runtime, each started in the folder of the cluster id it will have, so a cluster taking one is RUNNING at once;
 * the housekeeping's passes ({@link #refill}) start the replacements.
 * Idle drivers live only in memory: {@link #close} stops them, the next service instance starts new ones.
 */
final class InstancePools {
    private static final Logger LOG = LoggerFactory.getLogger(InstancePools.class);

    /** What a cluster created from a pool gets: its id and, when one was idle, a ready driver (else null). */
    record Taken(String clusterId, Driver driver) {
    }

    private record Idle(String clusterId, Driver driver) {
    }

    private final PoolRecords pools;
    private final ClusterRecords clusters;
    private final DriverRunner runner;
    private final RuntimeRegistry runtimes;
    private final Supplier<String> ids;
    private final Map<String, Deque<Idle>> idle = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> pending = new ConcurrentHashMap<>();
    private final ExecutorService starter = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "brickworks-pools");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;

    InstancePools(PoolRecords pools, ClusterRecords clusters, DriverRunner runner, RuntimeRegistry runtimes,
            Supplier<String> ids) {
        this.pools = pools;
        this.clusters = clusters;
        this.runner = runner;
        this.runtimes = runtimes;
        this.ids = ids;
    }

    /** Node type and versions are checked by the caller. */
    String create(InstancePool pool, String creator) {
        if (pool.name() == null || pool.name().isBlank()) {
            throw BrickworksException.invalidParameter("Missing required field: instance_pool_name");
        }
        if (pool.minIdleInstances() < 0 || pool.maxCapacity() < 0) {
            throw BrickworksException.invalidParameter("min_idle_instances and max_capacity must be 0 or more");
        }
        if (pool.maxCapacity() > 0 && pool.minIdleInstances() > pool.maxCapacity()) {
            throw BrickworksException.invalidParameter("min_idle_instances " + pool.minIdleInstances()
                    + " is more than max_capacity " + pool.maxCapacity());
        }
        if (pool.minIdleInstances() > 0 && pool.preloadedSparkVersions().isEmpty()) {
            throw BrickworksException.invalidParameter(
                    "preloaded_spark_versions must name the runtime of the pool's idle drivers");
        }
        String poolId = "pool-" + ids.get();
        pools.insert(new InstancePool(poolId, pool.name(), pool.nodeTypeId(), pool.minIdleInstances(),
                pool.maxCapacity(), pool.preloadedSparkVersions(), null), creator);
        LOG.info("Instance pool {} ({}) created: {} idle drivers on {}", poolId, pool.name(), pool.minIdleInstances(),
                pool.preloadedSparkVersions());
        refill();
        return poolId;
    }

    /**
     * The pool's creator, null when the platform created it.
     *
     * @throws BrickworksException
     *             RESOURCE_DOES_NOT_EXIST for an unknown pool
     */
    String creator(String poolId) {
        String creator = pools.creator(poolId)
                .orElseThrow(() -> BrickworksException.notFound("Instance pool " + poolId + " does not exist"));
        return creator.isEmpty() ? null : creator;
    }

    InstancePool get(String poolId) {
        InstancePool pool = pools.find(poolId)
                .orElseThrow(() -> BrickworksException.notFound("Instance pool " + poolId + " does not exist"));
        return withStats(pool, clusters.list());
    }

    List<InstancePool> list() {
        List<ClusterInfo> all = clusters.list();
        return pools.list().stream().map(pool -> withStats(pool, all)).toList();
    }

    void delete(String poolId) {
        if (!pools.delete(poolId)) {
            throw BrickworksException.notFound("Instance pool " + poolId + " does not exist");
        }
        stopIdle(idle.remove(poolId));
        LOG.info("Instance pool {} deleted", poolId);
    }

    /**
     * A driver for a cluster created with {@code spec}'s pool: a ready one when the spec fits the pool's idle drivers
     * (its first runtime, no Spark conf or environment of its own, no workers), else only a new cluster id.
     */
    Taken take(ClusterSpec spec) {
        InstancePool pool = get(spec.instancePoolId());
        if (pool.maxCapacity() > 0 && pool.stats().usedCount() >= pool.maxCapacity()) {
            throw new BrickworksException(ErrorCode.INVALID_STATE, "Instance pool " + pool.instancePoolId()
                    + " is at its max_capacity of " + pool.maxCapacity() + " clusters");
        }
        Idle taken = fits(pool, spec) ? idle.getOrDefault(pool.instancePoolId(), new ConcurrentLinkedDeque<>()).poll()
                : null;
        // The replacement starts with the housekeeping's next pass, not now: a driver's start takes the host's
        // cores for seconds, just when the cluster that took the idle driver runs its first commands.
        return taken == null ? new Taken(ids.get(), null) : new Taken(taken.clusterId(), taken.driver());
    }

    /**
     * Hands a taken driver to the new PENDING cluster {@code clusterId}, which turns RUNNING; when the driver cannot
     * be initialized, the cluster terminates with the reason.
     */
    void attach(String clusterId, Driver driver) {
        try {
            runner.takeOver(clusterId, driver);
        } catch (IllegalStateException e) {
            TerminationReason reason = new TerminationReason("INIT_SCRIPT_FAILURE", "SERVICE_FAULT", e.getMessage());
            clusters.move(clusterId, c -> ClusterLifecycle.terminated(c, reason, System.currentTimeMillis()),
                    "TERMINATED", reason.message());
            return;
        }
        clusters.move(clusterId, c -> ClusterLifecycle.running(c, driver.node(System.currentTimeMillis())), "RUNNING",
                "Took a pre-started driver from the instance pool");
    }

    /** Starts drivers for every pool below its idle minimum (within its capacity). */
    void refill() {
        if (closed) {
            return;
        }
        List<ClusterInfo> all = clusters.list();
        for (InstancePool stored : pools.list()) {
            InstancePool pool = withStats(stored, all);
            InstancePool.Stats stats = pool.stats();
            int missing = pool.minIdleInstances() - stats.idleCount() - stats.pendingIdleCount();
            if (pool.maxCapacity() > 0) {
                missing = Math.min(missing, pool.maxCapacity() - stats.usedCount() - stats.idleCount()
                        - stats.pendingIdleCount());
            }
            for (int i = 0; i < missing; i++) {
                pending.computeIfAbsent(pool.instancePoolId(), k -> new AtomicInteger()).incrementAndGet();
                starter.execute(() -> startIdle(pool));
            }
        }
    }

    void close() {
        closed = true;
        starter.shutdownNow();
        idle.values().forEach(this::stopIdle);
        idle.clear();
    }

    private void startIdle(InstancePool pool) {
        String clusterId = ids.get();
        try {
            ClusterSpec spec = ClusterSpec.of(pool.name(), pool.preloadedSparkVersions().get(0))
                    .withNodeTypeId(pool.nodeTypeId());
            Driver driver = runner.launch(clusterId, spec, () -> closed);
            Deque<Idle> queue = idle.computeIfAbsent(pool.instancePoolId(), k -> new ConcurrentLinkedDeque<>());
            Idle ready = new Idle(clusterId, driver);
            queue.add(ready);
            driver.process().onExit().thenRun(() -> queue.remove(ready));
            if (closed || pools.find(pool.instancePoolId()).isEmpty()) {
                stopIdle(queue);
            }
        } catch (InterruptedException | CancellationException e) {
            LOG.debug("Idle driver start for pool {} stopped", pool.instancePoolId());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Instance pool {} could not start an idle driver", pool.instancePoolId(), e);
        } finally {
            pending.get(pool.instancePoolId()).decrementAndGet();
        }
    }

    private void stopIdle(Deque<Idle> queue) {
        for (Idle ready = queue == null ? null : queue.poll(); ready != null; ready = queue.poll()) {
            runner.stopIdle(ready.driver());
        }
    }

    private boolean fits(InstancePool pool, ClusterSpec spec) {
        return !pool.preloadedSparkVersions().isEmpty()
                && runtimes.get(pool.preloadedSparkVersions().get(0)).key()
                        .equals(runtimes.get(spec.sparkVersion()).key())
                && spec.sparkConf().isEmpty() && spec.sparkEnvVars().isEmpty() && spec.maxWorkers() == 0;
    }

    private InstancePool withStats(InstancePool pool, List<ClusterInfo> all) {
        int used = (int) all.stream().filter(c -> pool.instancePoolId().equals(c.spec().instancePoolId())
                && c.state() != ClusterState.TERMINATED).count();
        int idleCount = idle.getOrDefault(pool.instancePoolId(), new ConcurrentLinkedDeque<>()).size();
        int pendingCount = pending.getOrDefault(pool.instancePoolId(), new AtomicInteger()).get();
        return new InstancePool(pool.instancePoolId(), pool.name(), pool.nodeTypeId(), pool.minIdleInstances(),
                pool.maxCapacity(), pool.preloadedSparkVersions(),
                new InstancePool.Stats(idleCount, used, pendingCount));
    }
}
