package org.brickworks.clusters.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import org.brickworks.clusters.api.DriverAgent;
import org.brickworks.clusters.api.dto.AgentEndpoint;
import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.clusters.api.dto.DriverLaunch;
import org.brickworks.clusters.api.dto.LaunchedDriver;
import org.brickworks.runtimes.api.RuntimeRegistry;
import org.brickworks.runtimes.api.dto.SparkRuntime;

/**
 * One driver from nothing to ready, on the calling thread: the runtime's classpath, the launcher of the cluster's node
 * type (waiting for one during a swap), the driver's ready file, then the driver initializers. Thread-safe.
 */
final class DriverLaunching {
    /** How long a driver may take to be ready. */
    static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    /** How long a driver may take to exit before it is killed. */
    static final Duration STOP_PATIENCE = Duration.ofSeconds(20);

    private final RuntimeRegistry runtimes;
    private final DriverClasspath classpath;
    private final ClusterLaunchers launchers;
    private final DriverHooks hooks;
    private final Path clustersFolder;

    /** {@code clustersFolder}: where each cluster's driver has a folder named after the cluster. */
    DriverLaunching(RuntimeRegistry runtimes, DriverClasspath classpath, ClusterLaunchers launchers,
            DriverHooks hooks, Path clustersFolder) {
        this.runtimes = runtimes;
        this.classpath = classpath;
        this.launchers = launchers;
        this.hooks = hooks;
        this.clustersFolder = clustersFolder;
    }

    /**
     * Starts a driver for {@code spec} in the folder of {@code clusterId}, waits until it is ready and initializes it,
     * on the calling thread; events go to the cluster when it exists. The caller owns the driver (the runner adopts it,
     * or a pool keeps it idle).
     *
     * @throws CancellationException
     *             when {@code cancelled} turns true first; the driver is stopped
     */
    Driver launch(String clusterId, ClusterSpec spec, BooleanSupplier cancelled)
            throws IOException, InterruptedException {
        SparkRuntime runtime = runtimes.get(spec.sparkVersion());
        List<Path> jars = classpath.of(clusterId, runtime);
        ClusterLaunchers.Offer offer = launchers.await(spec.nodeTypeId(), hooks.serviceWait())
                .orElseThrow(() -> new StartFailure("UNEXPECTED_LAUNCH_FAILURE",
                        ClusterLaunchers.unknown(spec.nodeTypeId(), launchers.nodeTypes())));
        if (cancelled.getAsBoolean()) {
            throw new CancellationException();
        }
        // The launcher gets the values; the stored spec keeps the references.
        ClusterSpec resolved = hooks.resolveSecrets(clusterId, spec);
        LaunchedDriver launched = offer.launcher().launch(new DriverLaunch(clusterId, runtime, jars, resolved,
                clustersFolder.resolve(clusterId), offer.nodeType(), hooks.platformUrl(),
                hooks.platformConf(clusterId)));
        Driver driver = new Driver(clusterId, ProcessHandle.of(launched.pid()).orElseThrow(
                () -> new IOException("The driver process exited at once; see its driver.log")), launched);
        try {
            driver.ready(awaitReady(driver, cancelled));
            initialize(driver);
            return driver;
        } catch (IOException | InterruptedException | RuntimeException e) {
            driver.stop(STOP_PATIENCE, hooks.agentNow());
            throw e;
        }
    }

    private void initialize(Driver driver) throws IOException {
        try {
            hooks.initialize(driver.channel());
        } catch (RuntimeException e) {
            throw new StartFailure("INIT_SCRIPT_FAILURE", "Driver initialization failed: " + e.getMessage());
        }
    }

    private AgentEndpoint awaitReady(Driver driver, BooleanSupplier cancelled)
            throws InterruptedException, IOException {
        Path readyFile = driver.launched().readyFile();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        DriverAgent agent = hooks.agent();
        Optional<AgentEndpoint> ready;
        while ((ready = agent.ready(readyFile)).isEmpty()) {
            if (cancelled.getAsBoolean()) {
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
        return ready.get();
    }

    /** A start that failed for a reason the user can read in the cluster's termination reason. */
    static final class StartFailure extends IOException {
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
