package org.brickworks.clusters.internal;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.brickworks.clusters.api.ClusterLauncher;
import org.brickworks.clusters.api.ClusterService;
import org.brickworks.clusters.api.CommandExecution;
import org.brickworks.clusters.api.dto.CommandResult;
import org.brickworks.clusters.api.dto.ClusterEvent;
import org.brickworks.clusters.api.dto.ClusterInfo;
import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.clusters.api.dto.ClusterState;
import org.brickworks.clusters.api.dto.NodeType;
import org.brickworks.clusters.api.dto.TerminationReason;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.core.api.PlatformInfo;
import org.brickworks.libraries.api.MavenResolver;
import org.brickworks.runtimes.api.RuntimeRegistry;
import org.brickworks.store.api.Store;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clusters in the store, their drivers started by the local launcher. Drivers do not outlive this component yet:
 * deactivating it terminates them, and clusters a crashed platform left running are marked terminated on activation.
 * Commands (API 1.2) go to the drivers this service started, through {@link AgentCommands}.
 */
@Component
public class StoreClusterService implements ClusterService, CommandExecution {
    private static final Logger LOG = LoggerFactory.getLogger(StoreClusterService.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("MMdd-HHmmss");
    private static final TerminationReason USER_REQUEST = new TerminationReason("USER_REQUEST", "SUCCESS",
            "Terminated by a user request");
    private static final TerminationReason SERVICE_STOPPED = new TerminationReason("UNKNOWN", "SERVICE_FAULT",
            "The clusters service stopped (platform stop or bundle update)");

    private final SecureRandom random = new SecureRandom();
    private final ClusterRecords records;
    private final RuntimeRegistry runtimes;
    private final DriverRunner runner;
    private final Path clustersFolder;
    private final AgentCommands commands = new AgentCommands(this::runningDriver);

    @Activate
    public StoreClusterService(@Reference Store store, @Reference RuntimeRegistry runtimes,
            @Reference MavenResolver resolver, @Reference PlatformInfo platform,
            @Reference(target = "(" + ClusterLauncher.TYPE_PROPERTY + "=local)") ClusterLauncher launcher) {
        this.records = new ClusterRecords(store);
        this.runtimes = runtimes;
        this.runner = new DriverRunner(records, runtimes, resolver, launcher, platform.dataDirectory());
        this.clustersFolder = platform.dataDirectory().resolve("clusters");
        records.list().stream().filter(c -> c.state() != ClusterState.TERMINATED).forEach(c -> {
            stopLeftover(c, LocalClusterLauncher.folderMarker(clustersFolder.resolve(c.clusterId())));
            records.move(c.clusterId(),
                    a -> ClusterLifecycle.terminated(a, SERVICE_STOPPED, System.currentTimeMillis()), "TERMINATED",
                    SERVICE_STOPPED.message());
        });
    }

    /**
     * A driver a killed platform left behind (no re-adoption yet): stopped only when the process with its pid still
     * carries the local launcher's marker of the cluster's folder, so a reused pid is never touched.
     */
    private static void stopLeftover(ClusterInfo cluster, String marker) {
        if (cluster.driver() != null) {
            ProcessHandle.of(cluster.driver().pid())
                    .filter(p -> p.info().commandLine().map(line -> line.contains(marker)).orElse(false))
                    .ifPresent(p -> {
                        LOG.warn("Stopping driver process {} left behind by cluster {}", p.pid(), cluster.clusterId());
                        p.destroy();
                    });
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        runner.close(Duration.ofSeconds(10), SERVICE_STOPPED);
    }

    @Override
    public String create(ClusterSpec requested) {
        ClusterValidation.validate(requested);
        runtimes.get(requested.sparkVersion());
        ClusterSpec spec = requested.withNodeTypeId(LocalNodeTypes.get(requested.nodeTypeId()).nodeTypeId());
        String clusterId = newId();
        records.insert(ClusterLifecycle.pending(clusterId, spec, System.currentTimeMillis()), "CREATING",
                "Cluster " + spec.clusterName() + " on " + spec.sparkVersion());
        LOG.info("Cluster {} ({}) created on {}", clusterId, spec.clusterName(), spec.sparkVersion());
        runner.start(clusterId, spec);
        return clusterId;
    }

    @Override
    public List<NodeType> nodeTypes() {
        return LocalNodeTypes.ALL;
    }

    @Override
    public ClusterInfo get(String clusterId) {
        return records.find(clusterId).orElseThrow(() -> notFound(clusterId));
    }

    @Override
    public List<ClusterInfo> list() {
        return records.list();
    }

    @Override
    public void terminate(String clusterId) {
        ClusterInfo cluster = records.move(clusterId,
                c -> c.state() == ClusterState.PENDING || c.state() == ClusterState.RUNNING
                        ? ClusterLifecycle.terminating(c, "Terminating the driver")
                        : null,
                "TERMINATING", USER_REQUEST.message()).orElseThrow(() -> notFound(clusterId));
        if (cluster.state() == ClusterState.TERMINATING) {
            runner.stop(clusterId, USER_REQUEST);
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
        get(clusterId);
        return records.events(clusterId);
    }

    @Override
    public String driverLog(String clusterId, int maxBytes) {
        get(clusterId);
        return DriverLogTail.read(clustersFolder.resolve(clusterId).resolve(LocalClusterLauncher.DRIVER_LOG),
                maxBytes);
    }

    @Override
    public String createContext(String clusterId, String language) {
        return commands.createContext(clusterId, language);
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
    public CommandResult status(String clusterId, String contextId, String commandId, long waitMillis) {
        return commands.status(clusterId, contextId, commandId, waitMillis);
    }

    @Override
    public void cancel(String clusterId, String contextId, String commandId) {
        commands.cancel(clusterId, contextId, commandId);
    }

    private Driver runningDriver(String clusterId) {
        ClusterInfo cluster = get(clusterId);
        if (cluster.state() != ClusterState.RUNNING) {
            throw notRunning(clusterId, cluster.state());
        }
        return runner.driver(clusterId).orElseThrow(() -> notRunning(clusterId, ClusterState.TERMINATING));
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

    private static BrickworksException notFound(String clusterId) {
        return BrickworksException.notFound("Cluster " + clusterId + " does not exist");
    }
}
