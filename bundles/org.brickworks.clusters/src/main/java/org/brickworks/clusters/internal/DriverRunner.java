package org.brickworks.clusters.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.clusters.api.dto.ClusterState;
import org.brickworks.clusters.api.dto.DriverNode;
import org.brickworks.clusters.api.dto.TerminationReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, restarts and stops cluster drivers on its own worker threads; a start is a {@link DriverLaunching}, after
 * which the cluster turns RUNNING. A stop waits for the cluster's start to finish (a start gives up waiting for its
 * driver as soon as a stop is asked for), then stops the driver; whoever stops a cluster also records its end.
 * {@link #close} stops every driver; {@link #detach} leaves running drivers to the next instance of the service, which
 * {@link #adopt}s them.
 */
final class DriverRunner {
    private static final Logger LOG = LoggerFactory.getLogger(DriverRunner.class);

    private final ClusterRecords records;
    private final DriverLaunching launching;
    private final DriverHooks hooks;
    private final ExecutorService workers;
    private final Map<String, Driver> drivers = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> starts = new ConcurrentHashMap<>();
    private final Set<String> stopping = ConcurrentHashMap.newKeySet();
    /** A platform killed with SIGTERM never deactivates this component: its drivers must not outlive it. */
    private final Thread shutdownHook = new Thread(
            () -> drivers.values().forEach(driver -> driver.process().destroy()), "brickworks-clusters-shutdown");
    private volatile boolean detached;

    DriverRunner(ClusterRecords records, DriverLaunching launching, DriverHooks hooks) {
        this.records = records;
        this.launching = launching;
        this.hooks = hooks;
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "brickworks-clusters-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts the driver of a PENDING cluster; the cluster turns RUNNING once it is ready. */
    void start(String clusterId, ClusterSpec spec) {
        startAfter(clusterId, () -> startDriver(clusterId, spec));
    }

    /** Replaces the driver of a RESTARTING or RESIZING cluster by one on {@code spec}; then RUNNING. */
    void restart(String clusterId, ClusterSpec spec) {
        startAfter(clusterId, () -> {
            Driver old = drivers.remove(clusterId);
            if (old != null) {
                try {
                    old.stop(DriverLaunching.STOP_PATIENCE, hooks.agentNow());
                } catch (InterruptedException e) {
                    old.process().destroyForcibly();
                    return;
                }
            }
            startDriver(clusterId, spec);
        });
    }

    /** Runs {@code task} on a worker after the cluster's start in progress, if any; stops wait for both. */
    private void startAfter(String clusterId, Runnable task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> before = starts.put(clusterId, done);
        workers.execute(() -> {
            try {
                if (before != null) {
                    before.join();
                }
                task.run();
            } finally {
                starts.remove(clusterId, done);
                done.complete(null);
            }
        });
    }

    void stop(String clusterId, TerminationReason reason) {
        stopping.add(clusterId);
        workers.execute(() -> {
            try {
                awaitStart(clusterId);
                stopDriver(clusterId, reason);
            } finally {
                stopping.remove(clusterId);
            }
        });
    }

    /** Takes over a ready driver: one a previous instance of the service left running, or a pool's idle driver. */
    void adopt(String clusterId, Driver driver) {
        drivers.put(clusterId, driver);
        driver.process().onExit().thenRun(() -> exited(clusterId, driver));
    }

    /**
     * Takes over a pool's ready driver for the new cluster {@code clusterId}: initialized again (the platform's state
     * may have changed while it waited), then the cluster's.
     *
     * @throws RuntimeException
     *             when the initialization failed; the driver is stopped
     */
    void takeOver(String clusterId, Driver driver) {
        try {
            hooks.initialize(driver.channel());
        } catch (IOException | RuntimeException e) {
            stopIdle(driver);
            throw new IllegalStateException("Driver initialization failed: " + e.getMessage(), e);
        }
        adopt(clusterId, driver);
    }

    /** Stops a driver this runner does not own, such as a pool's idle one, on the calling thread. */
    void stopIdle(Driver driver) {
        try {
            driver.stop(DriverLaunching.STOP_PATIENCE, hooks.agentNow());
        } catch (InterruptedException e) {
            driver.process().destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The cluster whose driver has this secret (compared in constant time), while this runner has that driver. */
    Optional<String> clusterWithSecret(String secret) {
        byte[] given = secret.getBytes(StandardCharsets.UTF_8);
        for (Map.Entry<String, Driver> entry : drivers.entrySet()) {
            try {
                if (MessageDigest.isEqual(given, entry.getValue().secret().getBytes(StandardCharsets.UTF_8))) {
                    return Optional.of(entry.getKey());
                }
            } catch (IOException e) {
                LOG.debug("Cannot read the secret of cluster {}'s driver: {}", entry.getKey(), e.toString());
            }
        }
        return Optional.empty();
    }

    /** The cluster's driver, while this runner has one. */
    Optional<Driver> driver(String clusterId) {
        return Optional.ofNullable(drivers.get(clusterId));
    }

    /** The drivers this runner has now. */
    Collection<Driver> drivers() {
        return List.copyOf(drivers.values());
    }

    /** See {@link DriverLaunching#launch}. */
    Driver launch(String clusterId, ClusterSpec spec, BooleanSupplier cancelled)
            throws IOException, InterruptedException {
        return launching.launch(clusterId, spec, cancelled);
    }

    /** Stops every start and every driver, waiting at most about {@code patience} for each. */
    void close(Duration patience, TerminationReason reason) throws InterruptedException {
        Set<String> active = ConcurrentHashMap.newKeySet();
        active.addAll(starts.keySet());
        active.addAll(drivers.keySet());
        stopping.addAll(active);
        shutDownWorkers(patience);
        active.addAll(drivers.keySet());
        stopAll(active, reason);
    }

    /** Stops the drivers side by side: a platform stop waits for the slowest one only. */
    private void stopAll(Set<String> clusterIds, TerminationReason reason) throws InterruptedException {
        List<Thread> stoppers = new ArrayList<>();
        for (String clusterId : clusterIds) {
            Thread stopper = new Thread(() -> stopDriver(clusterId, reason), "brickworks-stop-" + clusterId);
            stopper.start();
            stoppers.add(stopper);
        }
        for (Thread stopper : stoppers) {
            stopper.join();
        }
    }

    /**
     * Stops the starts in progress (their clusters end with {@code reason}) and leaves the running drivers alone: the
     * next instance of the service adopts them from the store. After this the runner records nothing more about them.
     */
    void detach(Duration patience, TerminationReason reason) throws InterruptedException {
        Set<String> starting = Set.copyOf(starts.keySet());
        stopping.addAll(starting);
        shutDownWorkers(patience);
        stopAll(starting, reason);
        detached = true;
    }

    private void shutDownWorkers(Duration patience) throws InterruptedException {
        workers.shutdownNow();
        if (!workers.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("Cluster workers still busy after {}", patience);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            LOG.debug("The JVM is shutting down: its hook stops what is left");
        }
    }

    private void startDriver(String clusterId, ClusterSpec spec) {
        try {
            long launchedAt = System.nanoTime();
            Driver driver = launch(clusterId, spec, () -> stopping.contains(clusterId));
            adopt(clusterId, driver);
            DriverNode node = driver.node(System.currentTimeMillis());
            records.move(clusterId, c -> ClusterLifecycle.canMove(c.state(), ClusterState.RUNNING)
                    ? ClusterLifecycle.running(c, node) : null, "RUNNING",
                    "Driver ready at " + node.host() + ":" + node.port() + " in "
                            + Duration.ofNanos(System.nanoTime() - launchedAt).toMillis() + " ms");
        } catch (InterruptedException | CancellationException e) {
            LOG.debug("Start of cluster {} stopped", clusterId);
        } catch (DriverLaunching.StartFailure e) {
            // An unreadable secret reference is the cluster's spec's fault, not the platform's.
            failed(clusterId, new TerminationReason(e.code(),
                    SecretReferences.FAILURE_CODE.equals(e.code()) ? "CLIENT_ERROR" : "SERVICE_FAULT", e.getMessage()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cluster {} failed to start", clusterId, e);
            failed(clusterId, new TerminationReason("UNEXPECTED_LAUNCH_FAILURE", "SERVICE_FAULT", e.getMessage()));
        }
    }
    private void failed(String clusterId, TerminationReason reason) {
        if (stopping.contains(clusterId)) {
            return;
        }
        stopDriver(clusterId, reason);
    }

    /** The driver went away on its own (not stopped by this runner); a start in progress notices it itself. */
    private void exited(String clusterId, Driver driver) {
        if (!drivers.remove(clusterId, driver) || stopping.contains(clusterId) || detached) {
            return;
        }
        TerminationReason reason = new TerminationReason("DRIVER_UNREACHABLE", "SERVICE_FAULT",
                "The driver process exited unexpectedly; see its driver.log");
        records.move(clusterId, c -> ClusterLifecycle.ACTIVE.contains(c.state())
                ? ClusterLifecycle.terminated(c, reason, System.currentTimeMillis())
                : null, "TERMINATED", reason.message());
    }

    private void awaitStart(String clusterId) {
        CompletableFuture<Void> start = starts.get(clusterId);
        try {
            if (start != null) {
                start.get(DriverLaunching.READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Start of cluster {} did not finish before its stop: {}", clusterId, e.toString());
        }
    }

    private void stopDriver(String clusterId, TerminationReason reason) {
        Driver driver = drivers.remove(clusterId);
        try {
            if (driver != null) {
                driver.stop(DriverLaunching.STOP_PATIENCE, hooks.agentNow());
            }
        } catch (InterruptedException e) {
            driver.process().destroyForcibly();
            Thread.currentThread().interrupt();
        }
        records.move(clusterId, c -> ClusterLifecycle.canMove(c.state(), ClusterState.TERMINATED)
                ? ClusterLifecycle.terminated(c, reason, System.currentTimeMillis())
                : null, "TERMINATED", reason.message());
    }
}
