package org.brickworks.clusters.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

import org.brickworks.clusters.api.ClusterLauncher;
import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.clusters.api.dto.ClusterState;
import org.brickworks.clusters.api.dto.DriverLaunch;
import org.brickworks.clusters.api.dto.DriverNode;
import org.brickworks.clusters.api.dto.LaunchedDriver;
import org.brickworks.clusters.api.dto.TerminationReason;
import org.brickworks.libraries.api.MavenResolver;
import org.brickworks.libraries.api.ResolutionListener;
import org.brickworks.libraries.api.dto.MavenRequest;
import org.brickworks.runtimes.api.RuntimeRegistry;
import org.brickworks.runtimes.api.dto.SparkRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Starts and stops cluster drivers on its own worker threads. A stop waits for the cluster's start to finish (a start
 * gives up waiting for its driver as soon as a stop is asked for), then stops the driver; whoever stops a cluster also
 * records its end. {@link #close} stops every driver: none outlives the service.
 */
final class DriverRunner {
    private static final Logger LOG = LoggerFactory.getLogger(DriverRunner.class);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(20);

    private final ClusterRecords records;
    private final RuntimeRegistry runtimes;
    private final MavenResolver resolver;
    private final ClusterLauncher launcher;
    private final AgentJarCache agentJars;
    private final Path clustersFolder;
    private final ObjectMapper json = new ObjectMapper();
    private final ExecutorService workers;
    private final Map<String, Driver> drivers = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> starts = new ConcurrentHashMap<>();
    private final Set<String> stopping = ConcurrentHashMap.newKeySet();
    /** Closures by coordinates: resolving even a cached closure again costs seconds. */
    private final Map<List<String>, List<Path>> closures = new ConcurrentHashMap<>();
    /** A platform killed with SIGTERM never deactivates this component: its drivers must not outlive it. */
    private final Thread shutdownHook = new Thread(
            () -> drivers.values().forEach(driver -> driver.process().destroy()), "brickworks-clusters-shutdown");

    DriverRunner(ClusterRecords records, RuntimeRegistry runtimes, MavenResolver resolver, ClusterLauncher launcher,
            Path dataDirectory) {
        this.records = records;
        this.runtimes = runtimes;
        this.resolver = resolver;
        this.launcher = launcher;
        this.agentJars = new AgentJarCache(dataDirectory.resolve("cache/agents"));
        this.clustersFolder = dataDirectory.resolve("clusters");
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "brickworks-clusters-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    void start(String clusterId, ClusterSpec spec) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        starts.put(clusterId, done);
        workers.execute(() -> {
            try {
                startDriver(clusterId, spec);
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

    /** The cluster's driver, while this runner has one. */
    Optional<Driver> driver(String clusterId) {
        return Optional.ofNullable(drivers.get(clusterId));
    }

    /** Stops every start and every driver, waiting at most about {@code patience} for each. */
    void close(Duration patience, TerminationReason reason) throws InterruptedException {
        Set<String> active = ConcurrentHashMap.newKeySet();
        active.addAll(starts.keySet());
        active.addAll(drivers.keySet());
        stopping.addAll(active);
        workers.shutdownNow();
        if (!workers.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("Cluster workers still busy after {}", patience);
        }
        active.addAll(drivers.keySet());
        for (String clusterId : active) {
            stopDriver(clusterId, reason);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            LOG.debug("The JVM is shutting down: its hook stops what is left");
        }
    }

    private void startDriver(String clusterId, ClusterSpec spec) {
        try {
            SparkRuntime runtime = runtimes.get(spec.sparkVersion());
            List<Path> classpath = classpath(clusterId, runtime);
            if (stopping.contains(clusterId)) {
                return;
            }
            long launchedAt = System.nanoTime();
            LaunchedDriver launched = launcher
                    .launch(new DriverLaunch(clusterId, runtime, classpath, spec, clustersFolder.resolve(clusterId),
                            LocalNodeTypes.get(spec.nodeTypeId())));
            Driver driver = new Driver(ProcessHandle.of(launched.pid()).orElseThrow(
                    () -> new IOException("The driver process exited at once; see its driver.log")), launched);
            drivers.put(clusterId, driver);
            driver.process().onExit().thenRun(() -> exited(clusterId, driver));
            int port = awaitReady(clusterId, driver);
            driver.ready(port);
            DriverNode node = new DriverNode(launched.host(), port, launched.pid(), System.currentTimeMillis());
            records.move(clusterId,
                    c -> c.state() == ClusterState.PENDING ? ClusterLifecycle.running(c, node) : null, "RUNNING",
                    "Driver ready at " + launched.host() + ":" + port + " in "
                            + Duration.ofNanos(System.nanoTime() - launchedAt).toMillis() + " ms");
        } catch (InterruptedException | CancellationException e) {
            LOG.debug("Start of cluster {} stopped", clusterId);
        } catch (StartFailure e) {
            failed(clusterId, new TerminationReason(e.code(), "SERVICE_FAULT", e.getMessage()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cluster {} failed to start", clusterId, e);
            failed(clusterId, new TerminationReason("UNEXPECTED_LAUNCH_FAILURE", "SERVICE_FAULT", e.getMessage()));
        }
    }

    private List<Path> classpath(String clusterId, SparkRuntime runtime) throws IOException {
        List<Path> closure = closures.get(runtime.mavenCoordinates());
        if (closure == null || !closure.stream().allMatch(Files::isRegularFile)) {
            records.event(clusterId, "STARTING", "Resolving the libraries of " + runtime.name());
            long began = System.nanoTime();
            closure = resolver.resolve(new MavenRequest(runtime.mavenCoordinates(), List.of(), List.of()),
                    progress(clusterId)).files();
            closures.put(runtime.mavenCoordinates(), closure);
            records.event(clusterId, "STARTING", "Resolved " + closure.size() + " jars in "
                    + Duration.ofNanos(System.nanoTime() - began).toMillis() + " ms");
        }
        records.event(clusterId, "STARTING", "Launching the driver with " + closure.size() + " jars");
        List<Path> classpath = new ArrayList<>();
        classpath.add(agentJars.copy(runtimes.agentJar(runtime.key())));
        classpath.addAll(closure);
        return classpath;
    }

    private ResolutionListener progress(String clusterId) {
        return new ResolutionListener() {
            @Override
            public void downloadFinished(String url, long size) {
                records.event(clusterId, "RUNTIME_DOWNLOAD", "Downloaded " + url + " (" + size + " bytes)");
            }

            @Override
            public void downloadFailed(String url, String reason) {
                records.event(clusterId, "RUNTIME_DOWNLOAD", "Could not download " + url + ": " + reason);
            }
        };
    }

    private int awaitReady(String clusterId, Driver driver) throws InterruptedException, IOException {
        Path readyFile = driver.launched().readyFile();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!Files.exists(readyFile)) {
            if (stopping.contains(clusterId)) {
                throw new CancellationException();
            }
            if (!driver.process().isAlive()) {
                throw new StartFailure("SPARK_STARTUP_FAILURE",
                        "The driver process exited before it was ready; see its driver.log");
            }
            if (System.nanoTime() > deadline) {
                throw new StartFailure("SPARK_STARTUP_FAILURE",
                        "The driver was not ready within " + READY_TIMEOUT.toMinutes()
                                + " minutes; see its driver.log");
            }
            Thread.sleep(20); // the agent writes the file once: polling a local file is cheap
        }
        return json.readTree(readyFile.toFile()).path("port").asInt();
    }

    private void failed(String clusterId, TerminationReason reason) {
        if (stopping.contains(clusterId)) {
            return;
        }
        stopDriver(clusterId, reason);
    }

    /** The driver went away on its own; a start in progress notices it itself. */
    private void exited(String clusterId, Driver driver) {
        drivers.remove(clusterId, driver);
        if (stopping.contains(clusterId)) {
            return;
        }
        TerminationReason reason = new TerminationReason("DRIVER_UNREACHABLE", "SERVICE_FAULT",
                "The driver process exited unexpectedly; see its driver.log");
        records.move(clusterId, c -> c.state() == ClusterState.RUNNING
                ? ClusterLifecycle.terminated(c, reason, System.currentTimeMillis())
                : null, "TERMINATED", reason.message());
    }

    private void awaitStart(String clusterId) {
        CompletableFuture<Void> start = starts.get(clusterId);
        try {
            if (start != null) {
                start.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
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
                driver.stop(STOP_PATIENCE);
            }
        } catch (InterruptedException e) {
            driver.process().destroyForcibly();
            Thread.currentThread().interrupt();
        }
        records.move(clusterId, c -> ClusterLifecycle.canMove(c.state(), ClusterState.TERMINATED)
                ? ClusterLifecycle.terminated(c, reason, System.currentTimeMillis())
                : null, "TERMINATED", reason.message());
    }

    /** A start that failed for a reason the user can read in the cluster's termination reason. */
    private static final class StartFailure extends IOException {
        private static final long serialVersionUID = 1L;
        private final String code;

        StartFailure(String code, String message) {
            super(message);
            this.code = code;
        }

        String code() {
            return code;
        }
    }
}
