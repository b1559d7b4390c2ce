package org.brickworks.shell.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.brickworks.clusters.api.ClusterService;
import org.brickworks.clusters.api.dto.ClusterInfo;
import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.clusters.api.dto.ClusterState;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.execution.api.CommandExecution;
import org.brickworks.execution.api.dto.CommandStatus;
import org.brickworks.execution.api.dto.ErrorResult;
import org.brickworks.execution.api.dto.TableResult;
import org.brickworks.execution.api.dto.TextResult;
import org.brickworks.permissions.api.ObjectRef;
import org.osgi.service.component.annotations.Component;

/**
 * Spark clusters: {@code bw:clusters}, {@code bw:cluster-create}, {@code bw:cluster-edit}, {@code bw:cluster-start},
 * {@code bw:cluster-restart}, {@code bw:cluster-terminate}, {@code bw:cluster-delete}, {@code bw:cluster-events},
 * {@code bw:cluster-logs}, {@code bw:cluster-wait}, {@code bw:sql}, {@code bw:exec}. Create, edit, start and restart
 * can wait for the cluster ({@link ClusterWait}).
 */
@Component
public class ClusterCommands extends CommandGroup {
    /** Enough for the last lines a console shows; the REST API offers the same window. */
    private static final int LOG_BYTES = 1 << 20;
    private static final String WAIT = "wait until the cluster is RUNNING, printing its states and events; "
            + "fail when it ends TERMINATED or ERROR";
    private static final String TIMEOUT = "with --wait: seconds to wait at most";
    /** A first start may download a runtime's jars; later ones take seconds. */
    private static final String DEFAULT_TIMEOUT = "900";
    static final String CLUSTERS = "clusters";
    static final String CAN_ATTACH_TO = "CAN_ATTACH_TO";

    @Descriptor("List the clusters with their state and driver")
    public String clusters(CommandSession session) {
        Table table = new Table("ID", "NAME", "RUNTIME", "STATE", "DRIVER", "MESSAGE");
        visible(session, null, clusterService().list(), c -> new ObjectRef(CLUSTERS, c.clusterId()),
                ClusterInfo::creatorUserName, CAN_ATTACH_TO)
                .forEach(c -> table.row(c.clusterId(), c.spec().clusterName(), c.spec().sparkVersion(),
                        c.state(), driver(c), c.stateMessage()));
        return table.toString();
    }

    @Descriptor("Create a cluster and start it; prints the cluster id (first) and, with --wait, its progress")
    public String clusterCreate(CommandSession session,
            @Descriptor("workers (0: single node)") @Parameter(names = { "-w", "--workers" },
                    absentValue = "0") int workers,
            @Descriptor("node type, as list-node-types shows it") @Parameter(names = { "-t", "--node-type" },
                    absentValue = "") String nodeType,
            @Descriptor("idle minutes before it terminates (0: never)") @Parameter(names = { "-a", "--autoterminate" },
                    absentValue = "0") int idleMinutes,
            @Descriptor("instance pool id, to start from a pre-started driver") @Parameter(names = { "-p", "--pool" },
                    absentValue = "") String poolId,
            @Descriptor(WAIT) @Parameter(names = "--wait", presentValue = "true", absentValue = "false") boolean wait,
            @Descriptor(TIMEOUT) @Parameter(names = "--timeout", absentValue = DEFAULT_TIMEOUT) int timeoutSeconds,
            @Descriptor("cluster name") String name,
            @Descriptor("runtime key, as bw:runtimes shows it") String sparkVersion) throws InterruptedException {
        Duration patience = patience(timeoutSeconds);
        ClusterService service = clusterService();
        String clusterId = service.create(new ClusterSpec(name, sparkVersion, nodeType.isEmpty() ? null : nodeType,
                workers, Map.of(), Map.of(), idleMinutes, Map.of(), null, poolId.isEmpty() ? null : poolId));
        if (!wait) {
            return clusterId;
        }
        session.getConsole().println(clusterId);
        return waitUntilRunning(service, session, clusterId, 0, patience);
    }

    @Descriptor("Move a cluster to another runtime version; a running cluster restarts on it")
    public String clusterEdit(CommandSession session,
            @Descriptor(WAIT) @Parameter(names = "--wait", presentValue = "true", absentValue = "false") boolean wait,
            @Descriptor(TIMEOUT) @Parameter(names = "--timeout", absentValue = DEFAULT_TIMEOUT) int timeoutSeconds,
            @Descriptor("cluster id, as bw:clusters shows it") String clusterId,
            @Descriptor("runtime key, as bw:runtimes shows it") String sparkVersion) throws InterruptedException {
        Duration patience = patience(timeoutSeconds);
        ClusterService service = clusterService();
        ClusterInfo before = service.get(clusterId);
        int eventsSeen = service.events(clusterId).size();
        ClusterSpec spec = before.spec();
        service.edit(clusterId, new ClusterSpec(spec.clusterName(), sparkVersion, spec.nodeTypeId(),
                spec.numWorkers(), spec.sparkConf(), spec.sparkEnvVars(), spec.autoterminationMinutes(),
                spec.customTags(), spec.autoscale(), spec.instancePoolId()));
        if (before.state() == ClusterState.TERMINATED) {
            return "Edited " + clusterId + ": TERMINATED, on " + sparkVersion + " from its next start";
        }
        if (!wait) {
            return "Edited " + clusterId + ": now " + service.get(clusterId).state();
        }
        return waitUntilRunning(service, session, clusterId, eventsSeen, patience);
    }

    @Descriptor("Start a terminated cluster again; with --wait, print its progress until it is RUNNING")
    public String clusterStart(CommandSession session,
            @Descriptor(WAIT) @Parameter(names = "--wait", presentValue = "true", absentValue = "false") boolean wait,
            @Descriptor(TIMEOUT) @Parameter(names = "--timeout", absentValue = DEFAULT_TIMEOUT) int timeoutSeconds,
            @Descriptor("cluster id, as bw:clusters shows it") String clusterId) throws InterruptedException {
        return startThenWait(session, wait, timeoutSeconds, clusterId, ClusterService::start, "Starting ");
    }

    @Descriptor("Restart a running cluster's driver; with --wait, print its progress until it is RUNNING again")
    public String clusterRestart(CommandSession session,
            @Descriptor(WAIT) @Parameter(names = "--wait", presentValue = "true", absentValue = "false") boolean wait,
            @Descriptor(TIMEOUT) @Parameter(names = "--timeout", absentValue = DEFAULT_TIMEOUT) int timeoutSeconds,
            @Descriptor("cluster id, as bw:clusters shows it") String clusterId) throws InterruptedException {
        return startThenWait(session, wait, timeoutSeconds, clusterId, ClusterService::restart, "Restarting ");
    }

    /** Starts or restarts a cluster; with {@code wait}, follows it (from the events it has yet to have) to RUNNING. */
    private String startThenWait(CommandSession session, boolean wait, int timeoutSeconds, String clusterId,
            BiConsumer<ClusterService, String> start, String starting) throws InterruptedException {
        Duration patience = patience(timeoutSeconds);
        ClusterService service = clusterService();
        int eventsSeen = service.events(clusterId).size();
        start.accept(service, clusterId);
        return wait ? waitUntilRunning(service, session, clusterId, eventsSeen, patience) : starting + clusterId;
    }

    @Descriptor("Wait until a cluster is RUNNING, printing its states and new events as they happen; fail when it "
            + "ends TERMINATED or ERROR")
    public String clusterWait(CommandSession session,
            @Descriptor("seconds to wait at most") @Parameter(names = "--timeout",
                    absentValue = DEFAULT_TIMEOUT) int timeoutSeconds,
            @Descriptor("cluster id, as bw:clusters shows it") String clusterId) throws InterruptedException {
        require(session, CLUSTERS, clusterId, CAN_ATTACH_TO);
        Duration patience = patience(timeoutSeconds);
        ClusterService service = clusterService();
        return waitUntilRunning(service, session, clusterId, service.events(clusterId).size(), patience);
    }

    @Descriptor("Terminate a cluster if needed and delete it with its events (permanent-delete)")
    public String clusterDelete(@Descriptor("cluster id, as bw:clusters shows it") String clusterId) {
        clusterService().permanentDelete(clusterId);
        return "Deleted " + clusterId;
    }

    @Descriptor("Terminate a cluster: its driver stops, the cluster stays listed")
    public String clusterTerminate(CommandSession session,
            @Descriptor("wait until the cluster is TERMINATED, printing its states and events") @Parameter(
                    names = "--wait", presentValue = "true", absentValue = "false") boolean wait,
            @Descriptor(TIMEOUT) @Parameter(names = "--timeout", absentValue = "120") int timeoutSeconds,
            @Descriptor("cluster id, as bw:clusters shows it") String clusterId) throws InterruptedException {
        Duration patience = patience(timeoutSeconds);
        ClusterService service = clusterService();
        int eventsSeen = service.events(clusterId).size();
        service.terminate(clusterId);
        if (!wait) {
            return "Terminating " + clusterId;
        }
        new ClusterWait(service, session.getConsole()).untilTerminated(clusterId, eventsSeen, patience);
        return "Cluster " + clusterId + " is TERMINATED";
    }

    @Descriptor("List a cluster's events, oldest first")
    public String clusterEvents(CommandSession session,
            @Descriptor("cluster id, as bw:clusters shows it") String clusterId) {
        require(session, CLUSTERS, clusterId, CAN_ATTACH_TO);
        Table table = new Table("TIME", "TYPE", "MESSAGE");
        clusterService().events(clusterId)
                .forEach(e -> table.row(Instant.ofEpochMilli(e.timestamp()), e.type(), e.message()));
        return table.toString();
    }

    @Descriptor("Print the last lines of a cluster's driver log")
    public String clusterLogs(
            @Descriptor("number of lines") @Parameter(names = { "-n", "--lines" }, absentValue = "100") int lines,
            @Descriptor("cluster id, as bw:clusters shows it") String clusterId) {
        if (lines <= 0) {
            throw BrickworksException.invalidParameter("--lines must be positive, got " + lines);
        }
        List<String> log = clusterService().driverLog(clusterId, LOG_BYTES).lines().toList();
        return String.join("\n", log.subList(Math.max(0, log.size() - lines), log.size()));
    }

    @Descriptor("Run a SQL query on a running cluster, in a context of its own; prints the result table")
    public String sql(@Descriptor("cluster id, as bw:clusters shows it") String clusterId,
            @Descriptor("the query, e.g. \"SELECT 1\" (words are joined by spaces)") String... query)
            throws InterruptedException {
        return table(run(clusterId, "sql", String.join(" ", query)));
    }

    @Descriptor("Run a command (sql, scala, python or r) on a running cluster, in a context of its own; prints its "
            + "text or table")
    public String exec(@Descriptor("cluster id, as bw:clusters shows it") String clusterId,
            @Descriptor("sql, scala, python or r") String language,
            @Descriptor("the command, e.g. \"1 + 1\" (words are joined by spaces)") String... code)
            throws InterruptedException {
        CommandStatus status = run(clusterId, language, String.join(" ", code));
        return status.result() instanceof TextResult text ? text.data() : table(status);
    }

    private static Duration patience(int timeoutSeconds) {
        if (timeoutSeconds <= 0) {
            throw BrickworksException.invalidParameter("--timeout must be positive, got " + timeoutSeconds);
        }
        return Duration.ofSeconds(timeoutSeconds);
    }

    private static String waitUntilRunning(ClusterService service, CommandSession session, String clusterId,
            int eventsSeen, Duration patience) throws InterruptedException {
        ClusterInfo cluster = new ClusterWait(service, session.getConsole()).untilRunning(clusterId, eventsSeen,
                patience);
        return "Cluster " + clusterId + " is RUNNING" + (cluster.driver() == null ? "" : ", driver " + driver(cluster));
    }

    /** Runs one command in a fresh context and waits for it (cancelling it when the shell is interrupted). */
    private CommandStatus run(String clusterId, String language, String code) throws InterruptedException {
        CommandExecution execution = commandExecution();
        String contextId = execution.createContext(clusterId, language, Map.of());
        try {
            String commandId = execution.execute(clusterId, contextId, language, code, Map.of());
            CommandStatus result = execution.status(clusterId, contextId, commandId, 10_000);
            while (!result.done()) {
                if (Thread.interrupted()) {
                    execution.cancel(clusterId, contextId, commandId);
                    throw new InterruptedException("Command cancelled");
                }
                result = execution.status(clusterId, contextId, commandId, 10_000);
            }
            return result;
        } finally {
            execution.destroyContext(clusterId, contextId);
        }
    }

    /** A table result as a {@link Table}; an error's one-line summary as the exception's message. */
    static String table(CommandStatus status) {
        if (!(status.result() instanceof TableResult result)) {
            String summary = status.result() instanceof ErrorResult error ? error.summary()
                    : "The query ended " + status.state().apiName();
            throw new BrickworksException(ErrorCode.INVALID_PARAMETER_VALUE,
                    summary.lines().findFirst().orElse(status.state().apiName()));
        }
        if (result.schema().isEmpty()) {
            return "OK"; // a statement without output, such as DDL
        }
        Table table = new Table(result.schema().stream().map(TableResult.Column::name).toArray(String[]::new));
        result.data().forEach(row -> table.row(row.toArray()));
        return result.truncated() ? table + "\n(truncated)" : table.toString();
    }

    private static String driver(ClusterInfo cluster) {
        return cluster.driver() == null ? "-" : cluster.driver().host() + ":" + cluster.driver().port();
    }

    private ClusterService clusterService() {
        return service(ClusterService.class, "clusters");
    }

    private CommandExecution commandExecution() {
        return service(CommandExecution.class, "commands");
    }
}
