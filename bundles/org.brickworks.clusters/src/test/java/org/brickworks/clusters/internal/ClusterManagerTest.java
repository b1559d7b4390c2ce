package org.brickworks.clusters.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.brickworks.clusters.api.ClusterLauncher;
import org.brickworks.clusters.api.dto.ClusterInfo;
import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.clusters.api.dto.ClusterState;
import org.brickworks.clusters.api.dto.DriverChannel;
import org.brickworks.clusters.api.dto.InstancePool;
import org.brickworks.clusters.api.dto.NodeType;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.test.support.H2TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clusters service on real driver processes ({@link TestDrivers}) and a real store: lifecycle, node types picking
 * launchers, initializers before RUNNING, a launcher going away, drivers outliving the service, the driver channel.
 */
class ClusterManagerTest {
    private static final NodeType SMALL = new NodeType("test-small", 64, 1, "small");
    private static final NodeType LARGE = new NodeType("test-large", 96, 2, "large");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path data;

    private H2TestStore store;
    private TestDrivers.Runtimes runtimes;
    private final TestDrivers.Agent agent = new TestDrivers.Agent();
    private final List<DriverFleet> fleets = new ArrayList<>();
    private TestDrivers.Launcher launcher;
    private DriverFleet fleet;
    private ClusterManager clusters;
    private ClusterDriverChannels channels;
    private boolean platformStopping = true;

    @BeforeEach
    void start() throws Exception {
        store = new H2TestStore(data);
        runtimes = new TestDrivers.Runtimes(Files.createDirectories(data.resolve("jars")));
        launcher = new TestDrivers.Launcher(new LocalDriverProcesses(() -> agent), LARGE, SMALL);
        startService(1);
        fleet.bindLauncher(launcher, Map.of(ClusterLauncher.TYPE_PROPERTY, "test"));
    }

    private void startService(int serviceWaitSeconds) {
        BooleanSupplier stopping = () -> platformStopping;
        fleet = new DriverFleet(store, runtimes, TestDrivers.RESOLVER, data,
                new TestDrivers.Config(3600, 30, serviceWaitSeconds), agent, stopping);
        fleets.add(fleet);
        clusters = new ClusterManager(fleet, runtimes);
        channels = new ClusterDriverChannels(fleet);
    }

    @AfterEach
    void stop() throws Exception {
        platformStopping = true;
        for (DriverFleet each : fleets) {
            each.deactivate();
        }
        store.close();
    }

    @Test
    void aCreatedClusterRunsItsDriverOnTheDefaultNodeTypeAndTerminatesOnRequest() throws Exception {
        String id = clusters.create(ClusterSpec.of("etl", TestDrivers.RUNTIME_KEY));

        ClusterInfo running = awaitState(id, ClusterState.RUNNING);
        assertThat(running.spec().nodeTypeId()).isEqualTo("test-small");
        ProcessHandle driver = ProcessHandle.of(running.driver().pid()).orElseThrow();
        assertThat(driver.info().commandLine().orElse("")).contains("-Xmx64m",
                DriverFolder.marker(data.resolve("clusters").resolve(id))).doesNotContain("spark.master");
        assertThat(Files.readString(data.resolve("clusters").resolve(id).resolve(DriverFolder.PLATFORM_CONF_FILE)))
                .contains("spark.master=local[1]");
        assertThat(clusters.driverLog(id, 10_000)).contains("Fake driver ready");

        clusters.terminate(id);

        ClusterInfo terminated = awaitState(id, ClusterState.TERMINATED);
        assertThat(terminated.terminationReason().code()).isEqualTo("USER_REQUEST");
        assertThat(driver.onExit().get()).isNotNull();
        assertThat(clusters.events(id)).extracting(e -> e.type()).contains("CREATING", "STARTING", "RUNNING",
                "TERMINATING", "TERMINATED");
    }

    @Test
    void theNodeTypesAreEveryLaunchersSmallestFirstAndAnUnknownOneIsRefusedNamingThem() {
        fleet.bindLauncher(new TestDrivers.Launcher(new LocalDriverProcesses(() -> agent),
                new NodeType("other-tiny", 32, 1, "tiny"), SMALL), Map.of(ClusterLauncher.TYPE_PROPERTY, "other"));
        fleet.bindLauncher(launcher, Map.of());

        assertThat(clusters.nodeTypes()).extracting(NodeType::nodeTypeId).containsExactly("other-tiny", "test-small",
                "test-large");
        assertThatThrownBy(() -> clusters.create(ClusterSpec.of("x", TestDrivers.RUNTIME_KEY).withNodeTypeId("m5")))
                .isInstanceOfSatisfying(BrickworksException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
                    assertThat(e.getMessage()).contains("m5", "other-tiny", "test-small", "test-large");
                });
        assertThat(clusters.list()).isEmpty();
    }

    @Test
    void theNodeTypePicksTheLauncherWhichGetsThePlatformsConf() throws Exception {
        fleet.configurers = List.of(clusterId -> Map.of("spark.platform.key", "secret-value"));

        String id = clusters.create(ClusterSpec.of("big", TestDrivers.RUNTIME_KEY).withNodeTypeId("test-large"));

        awaitState(id, ClusterState.RUNNING);
        assertThat(launcher.launches).singleElement().satisfies(launch -> {
            assertThat(launch.nodeType()).isEqualTo(LARGE);
            assertThat(launch.platformConf()).containsEntry("spark.platform.key", "secret-value");
        });
        Path conf = data.resolve("clusters").resolve(id).resolve(DriverFolder.PLATFORM_CONF_FILE);
        assertThat(Files.readString(conf)).contains("secret-value", "spark.master=local[2]");
        assertThat(agent.starts.get(0).sparkConf()).isEmpty(); // nothing on the command line
    }

    @Test
    void initializersRunBeforeRunningAndAFailingOneFailsTheStartWithItsReason() throws Exception {
        List<String> initialized = new ArrayList<>();
        fleet.initializers = List.of(driver -> {
            assertThat(clusters.get(driver.clusterId()).state()).isEqualTo(ClusterState.PENDING);
            initialized.add(driver.clusterId());
        });
        String good = clusters.create(ClusterSpec.of("good", TestDrivers.RUNTIME_KEY));
        awaitState(good, ClusterState.RUNNING);
        assertThat(initialized).containsExactly(good);

        fleet.initializers = List.of(driver -> {
            throw new IllegalStateException("no mounts for you");
        });
        String bad = clusters.create(ClusterSpec.of("bad", TestDrivers.RUNTIME_KEY));

        ClusterInfo failed = awaitState(bad, ClusterState.TERMINATED);
        assertThat(failed.terminationReason().code()).isEqualTo("INIT_SCRIPT_FAILURE");
        assertThat(failed.terminationReason().message()).isEqualTo("Driver initialization failed: no mounts for you");
    }

    @Test
    void aDriverThatDiesTerminatesItsCluster() throws Exception {
        String id = clusters.create(ClusterSpec.of("mortal", TestDrivers.RUNTIME_KEY));
        long pid = awaitState(id, ClusterState.RUNNING).driver().pid();

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        assertThat(awaitState(id, ClusterState.TERMINATED).terminationReason().code())
                .isEqualTo("DRIVER_UNREACHABLE");
    }

    @Test
    void clustersOfALauncherThatIsGoneForGoodTerminateNamingItButNotWhenItComesBackInTime() throws Exception {
        String id = clusters.create(ClusterSpec.of("orphan", TestDrivers.RUNTIME_KEY));
        long pid = awaitState(id, ClusterState.RUNNING).driver().pid();

        Map<String, Object> properties = Map.of(ClusterLauncher.TYPE_PROPERTY, "test");
        fleet.unbindLauncher(launcher, properties);
        fleet.bindLauncher(launcher, properties); // a bundle update: back at once
        fleet.terminateOrphans(); // what runs after the service wait
        assertThat(clusters.get(id).state()).isEqualTo(ClusterState.RUNNING);
        assertThat(clusters.get(id).driver().pid()).isEqualTo(pid);

        fleet.unbindLauncher(launcher, properties);

        ClusterInfo terminated = awaitState(id, ClusterState.TERMINATED);
        assertThat(terminated.terminationReason().code()).isEqualTo("CLOUD_PROVIDER_SHUTDOWN");
        assertThat(terminated.terminationReason().type()).isEqualTo("CLOUD_FAILURE");
        assertThat(terminated.terminationReason().message()).isEqualTo("Cluster launcher 'test' of node type"
                + " test-small is no longer installed, so the cluster's driver was stopped");
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void runningDriversOutliveAnUpdateOfTheServiceAndAPlatformStopEndsThem() throws Exception {
        String id = clusters.create(ClusterSpec.of("survivor", TestDrivers.RUNTIME_KEY));
        long pid = awaitState(id, ClusterState.RUNNING).driver().pid();
        platformStopping = false;
        fleet.deactivate();
        fleets.remove(fleet);

        startService(30);
        fleet.bindLauncher(launcher, Map.of(ClusterLauncher.TYPE_PROPERTY, "test"));
        fleet.awaitAdoption();

        assertThat(clusters.get(id).state()).isEqualTo(ClusterState.RUNNING);
        assertThat(channels.running(id).port()).isEqualTo(4242);
        assertThat(clusters.events(id)).extracting(e -> e.type()).contains("DRIVER_HEALTHY");
        assertThat(ProcessHandle.of(pid).orElseThrow().isAlive()).isTrue();

        platformStopping = true;
        fleet.deactivate();
        fleets.remove(fleet);

        assertThat(clusters.get(id).state()).isEqualTo(ClusterState.TERMINATED);
        assertThat(clusters.get(id).terminationReason().code()).isEqualTo("UNKNOWN");
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void anUnhealthyDriverLeftBehindIsStoppedAndItsClusterTerminated() throws Exception {
        String id = clusters.create(ClusterSpec.of("left", TestDrivers.RUNTIME_KEY));
        ProcessHandle driver = ProcessHandle.of(awaitState(id, ClusterState.RUNNING).driver().pid()).orElseThrow();
        platformStopping = false;
        fleet.deactivate();
        fleets.remove(fleet);
        agent.healthy = false;

        startService(30);
        fleet.awaitAdoption();

        assertThat(clusters.get(id).state()).isEqualTo(ClusterState.TERMINATED);
        driver.onExit().get();
    }

    @Test
    void theDriverChannelKnowsRunningDriversAndTheirSecrets() throws Exception {
        String id = clusters.create(ClusterSpec.of("channel", TestDrivers.RUNTIME_KEY));
        awaitState(id, ClusterState.RUNNING);
        String secret = Files.readAllLines(data.resolve("clusters").resolve(id).resolve(DriverFolder.SECRET_FILE))
                .get(0);

        DriverChannel channel = channels.running(id);

        assertThat(channel).isEqualTo(new DriverChannel(id, "127.0.0.1", 4242, secret));
        assertThat(channel.toString()).doesNotContain(secret);
        assertThat(channels.clusterWithSecret(secret)).isEqualTo(id);
        assertThat(channels.runningDrivers()).containsExactly(channel);
        assertThatThrownBy(() -> channels.clusterWithSecret("nope")).isInstanceOfSatisfying(
                BrickworksException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNAUTHENTICATED));
        assertThatThrownBy(() -> channels.running("0000-000000-none")).isInstanceOfSatisfying(
                BrickworksException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));

        clusters.terminate(id);
        awaitState(id, ClusterState.TERMINATED);
        assertThatThrownBy(() -> channels.running(id)).isInstanceOfSatisfying(BrickworksException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_STATE));
        assertThatThrownBy(() -> channels.clusterWithSecret(secret)).isInstanceOf(BrickworksException.class);
    }

    @Test
    void restartStartsANewDriverAndEditOfATerminatedClusterKeepsTheSpecForItsStart() throws Exception {
        String id = clusters.create(ClusterSpec.of("again", TestDrivers.RUNTIME_KEY));
        long first = awaitState(id, ClusterState.RUNNING).driver().pid();

        clusters.restart(id);
        assertThat(clusters.get(id).state()).isEqualTo(ClusterState.RESTARTING);
        long second = awaitState(id, ClusterState.RUNNING).driver().pid();
        assertThat(second).isNotEqualTo(first);

        clusters.terminate(id);
        awaitState(id, ClusterState.TERMINATED);
        clusters.edit(id, ClusterSpec.of("renamed", TestDrivers.RUNTIME_KEY).withNodeTypeId("test-large"));
        assertThat(clusters.get(id).state()).isEqualTo(ClusterState.TERMINATED);
        assertThatThrownBy(() -> clusters.restart(id)).isInstanceOfSatisfying(BrickworksException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_STATE));

        clusters.start(id);
        ClusterInfo started = awaitState(id, ClusterState.RUNNING);
        assertThat(started.spec().clusterName()).isEqualTo("renamed");
        assertThat(launcher.launches.get(launcher.launches.size() - 1).nodeType()).isEqualTo(LARGE);
    }

    @Test
    void aClusterOnAPoolTakesItsReadyDriverInitializedAgain() throws Exception {
        InstancePoolManager pools = new InstancePoolManager(fleet, runtimes);
        List<String> initialized = new ArrayList<>();
        fleet.initializers = List.of(driver -> initialized.add(driver.clusterId()));
        String poolId = pools.createPool(new InstancePool(null, "warm", null, 1, 0,
                List.of(TestDrivers.RUNTIME_KEY), null));
        assertThat(pools.getPool(poolId).nodeTypeId()).isEqualTo("test-small");
        awaitIdle(pools, poolId);

        String id = clusters.create(new ClusterSpec("quick", TestDrivers.RUNTIME_KEY, null, 0, Map.of(), Map.of(), 0,
                Map.of(), null, poolId));

        assertThat(clusters.get(id).state()).isEqualTo(ClusterState.RUNNING);
        assertThat(initialized).containsExactly(id, id);
        assertThat(pools.getPool(poolId).stats().usedCount()).isEqualTo(1);
        clusters.permanentDelete(id);
        pools.deletePool(poolId);
    }

    private static void awaitIdle(InstancePoolManager pools, String poolId) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (pools.getPool(poolId).stats().idleCount() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20); // polling interval of a condition wait
        }
        assertThat(pools.getPool(poolId).stats().idleCount()).isEqualTo(1);
    }

    /** Waits until the cluster is in {@code state} (as a user polls {@code clusters/get}). */
    private ClusterInfo awaitState(String id, ClusterState state) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        ClusterInfo cluster = clusters.get(id);
        while (cluster.state() != state && System.nanoTime() < deadline) {
            Thread.sleep(20); // polling interval of a condition wait
            cluster = clusters.get(id);
        }
        assertThat(cluster.state()).as(clusters.events(id).toString()).isEqualTo(state);
        return cluster;
    }
}
