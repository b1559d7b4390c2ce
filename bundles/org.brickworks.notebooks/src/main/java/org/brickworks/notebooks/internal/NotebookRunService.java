package org.brickworks.notebooks.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.brickworks.clusters.api.ClusterService;
import org.brickworks.clusters.api.dto.ClusterState;
import org.brickworks.core.api.Awaiting;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.execution.api.CommandExecution;
import org.brickworks.execution.api.LanguageRegistry;
import org.brickworks.notebooks.api.NotebookRunner;
import org.brickworks.notebooks.api.TaskValues;
import org.brickworks.notebooks.api.dto.CellRun;
import org.brickworks.notebooks.api.dto.ChildRun;
import org.brickworks.notebooks.api.dto.NotebookRun;
import org.brickworks.permissions.api.ObjectRef;
import org.brickworks.permissions.api.PermissionService;
import org.brickworks.store.api.Store;
import org.brickworks.workspace.api.WorkspaceService;
import org.brickworks.workspace.api.dto.NotebookRevision;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whole-notebook runs over the workspace and the clusters' Command Execution, stored in the store. Holds no state but
 * its configuration and the contexts of the runs in progress: each run is a {@link NotebookExecution} on the caller's
 * thread, a child run ({@code dbutils.notebook.run}) one on a thread of its own, so its timeout can cancel it.
 */
@Component(service = NotebookRunner.class, configurationPid = "org.brickworks.notebooks")
@Designate(ocd = NotebooksConfig.class)
public class NotebookRunService implements NotebookRunner {
    private static final Logger LOG = LoggerFactory.getLogger(NotebookRunService.class);

    private final RunRecords records;
    private final Attachments attachments;
    /** One lock per notebook being attached, so two first calls do not both create a context. */
    private final Map<Long, Object> attaching = new ConcurrentHashMap<>();
    private final RunningNotebooks running = new RunningNotebooks();
    private final ExecutorService childRuns = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "brickworks-child-run");
        thread.setDaemon(true);
        return thread;
    });
    private volatile NotebooksConfig config;

    private final ServiceTracker<WorkspaceService, WorkspaceService> workspaceTracker;
    private final ServiceTracker<ClusterService, ClusterService> clustersTracker;
    private final ServiceTracker<CommandExecution, CommandExecution> commandsTracker;
    private final ServiceTracker<LanguageRegistry, LanguageRegistry> languagesTracker;
    private final ServiceTracker<PermissionService, PermissionService> permissionsTracker;

    @Activate
    public NotebookRunService(@Reference(target = Store.SHARED) Store store, NotebooksConfig config,
            BundleContext context) {
        // The services of other areas are tracked, not referenced: a reference would restart this component, and
        // end its runs, whenever one of their bundles is updated; a run waits for the new provider instead.
        workspaceTracker = tracker(context, WorkspaceService.class);
        clustersTracker = tracker(context, ClusterService.class);
        commandsTracker = tracker(context, CommandExecution.class);
        languagesTracker = tracker(context, LanguageRegistry.class);
        permissionsTracker = tracker(context, PermissionService.class);
        this.records = new RunRecords(store);
        this.attachments = new Attachments(store);
        this.config = config;
    }

    @Modified
    void modified(NotebooksConfig changed) {
        this.config = changed;
    }

    @Deactivate
    void deactivate() {
        childRuns.shutdownNow();
        List.of(workspaceTracker, clustersTracker, commandsTracker, languagesTracker, permissionsTracker)
                .forEach(ServiceTracker::close);
    }

    @Override
    public NotebookRun run(String path, String clusterId, Map<String, String> parameters, String user) {
        return execute(path, clusterId, parameters, user, null, true).run();
    }

    @Override
    public ChildRun runToExit(String path, String clusterId, Map<String, String> parameters, String user) {
        return runTask(path, clusterId, parameters, user, null);
    }

    @Override
    public ChildRun runTask(String path, String clusterId, Map<String, String> parameters, String user,
            TaskValues taskValues) {
        Executed executed = execute(path, clusterId, parameters, user, taskValues, true);
        return ChildRuns.result(executed.run(), executed.exitValue());
    }

    @Override
    public Optional<TaskValues> taskValues(String clusterId, String contextId) {
        RunningNotebooks.Entry entry = running.get(clusterId, contextId);
        return Optional.ofNullable(entry == null ? null : entry.taskValues());
    }

    @Override
    public ChildRun runChild(String path, String clusterId, String callerContextId, Map<String, String> arguments,
            int timeoutSeconds) {
        if (timeoutSeconds < 0) {
            throw BrickworksException.invalidParameter("timeout_seconds must not be negative, got " + timeoutSeconds);
        }
        RunningNotebooks.Entry caller = running.get(clusterId, callerContextId);
        if (!path.startsWith("/") && caller == null) {
            throw BrickworksException.invalidParameter("The relative path " + path
                    + " needs a notebook run to resolve against: use an absolute workspace path");
        }
        String target = RunTargets.normalize(caller == null ? "/" : caller.path(), path);
        String user = caller == null ? "driver of cluster " + clusterId : caller.user();
        TaskValues taskValues = caller == null ? null : caller.taskValues();
        // a child of a notebook run is checked as its user; one of a plain context runs with the driver's rights
        Future<Executed> child = childRuns
                .submit(() -> execute(target, clusterId, arguments, user, taskValues, caller != null));
        try {
            Executed executed = timeoutSeconds == 0 ? child.get() : child.get(timeoutSeconds, TimeUnit.SECONDS);
            return ChildRuns.result(executed.run(), executed.exitValue());
        } catch (TimeoutException e) {
            child.cancel(true); // the run cancels its running cell and destroys its context
            return new ChildRun("TIMEDOUT", null,
                    "Notebook " + target + " did not finish within " + timeoutSeconds + " s and was cancelled", null);
        } catch (InterruptedException e) {
            child.cancel(true);
            Thread.currentThread().interrupt();
            throw new BrickworksException(ErrorCode.INTERNAL_ERROR, "Interrupted while running " + target, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof BrickworksException failure ? failure
                    : new BrickworksException(ErrorCode.INTERNAL_ERROR, "Child run of " + target + " failed: "
                            + e.getCause(), e.getCause());
        }
    }

    private Executed execute(String path, String clusterId, Map<String, String> parameters, String user,
            TaskValues taskValues, boolean check) {
        NotebookRevision revision = workspace().notebook(path);
        if (check) {
            requireMayRun(revision, clusterId, user);
        }
        requireRunning(clusterId);
        long start = System.currentTimeMillis();
        String notebookPath = revision.object().path();
        LOG.debug("{} runs {} (revision {}) on cluster {}", user, notebookPath, revision.revisionId(), clusterId);
        NotebookExecution execution = new NotebookExecution(workspace(), commands(), languages(), clusterId, parameters,
                Math.max(1, config.cellTimeoutSeconds()) * 1000L, running, user, taskValues);
        List<CellRun> cells = execution.run(notebookPath, revision.notebook());
        return new Executed(records.insert(new NotebookRun(0, notebookPath, revision.object().objectId(),
                revision.revisionId(), clusterId, user, start, System.currentTimeMillis(), parameters, cells)),
                execution.exitValue());
    }

    private record Executed(NotebookRun run, String exitValue) {
    }

    /**
     * Passes when {@code user} may run the notebook ({@code CAN_RUN}) on the cluster ({@code CAN_ATTACH_TO}): the same
     * check for the Notebooks API, the shell and a job's notebook task (as the job's {@code run_as}).
     */
    private void requireMayRun(NotebookRevision revision, String clusterId, String user) {
        PermissionService permissions = Awaiting.await(permissionsTracker, "permissions");
        permissions.require(user, new ObjectRef(revision.object().type().permissionsType(),
                Long.toString(revision.object().objectId())), "CAN_RUN");
        permissions.require(user, new ObjectRef("clusters", clusterId), "CAN_ATTACH_TO");
    }

    @Override
    public NotebookRun runCells(String path, String clusterId, int firstCell, int lastCell,
            Map<String, String> parameters, String user) {
        NotebookRevision revision = workspace().notebook(path);
        int count = revision.notebook().cells().size();
        if (firstCell < 0 || lastCell >= count || firstCell > lastCell) {
            throw BrickworksException.invalidParameter("Cells " + firstCell + " to " + lastCell + " are not in "
                    + revision.object().path() + ", which has " + count + " cells (indexes 0 to " + (count - 1) + ")");
        }
        requireMayRun(revision, clusterId, user);
        requireRunning(clusterId);
        long start = System.currentTimeMillis();
        String notebookPath = revision.object().path();
        String contextId = attach(revision, clusterId, user);
        LOG.debug("{} runs cells {} to {} of {} (revision {}) in context {} on cluster {}", user, firstCell, lastCell,
                notebookPath, revision.revisionId(), contextId, clusterId);
        List<CellRun> cells = new NotebookExecution(workspace(), commands(), languages(), clusterId, parameters,
                Math.max(1, config.cellTimeoutSeconds()) * 1000L, running, user, null)
                .runAttached(notebookPath, revision.notebook(), firstCell, lastCell, contextId);
        return records.insert(new NotebookRun(0, notebookPath, revision.object().objectId(), revision.revisionId(),
                clusterId, user, start, System.currentTimeMillis(), parameters, cells));
    }

    @Override
    public boolean detach(String path) {
        long objectId = workspace().getStatus(path).objectId();
        synchronized (attaching.computeIfAbsent(objectId, id -> new Object())) {
            Optional<Attachments.Attachment> attached = attachments.get(objectId);
            attached.ifPresent(attachment -> {
                destroy(attachment);
                attachments.remove(objectId);
            });
            return attached.isPresent();
        }
    }

    /**
     * The notebook's attached context on the cluster: the stored one while it lives there and is {@code user}'s, else
     * a new one of {@code user} (a context runs with its user's secrets).
     */
    private String attach(NotebookRevision revision, String clusterId, String user) {
        long objectId = revision.object().objectId();
        CommandExecution commands = commands();
        synchronized (attaching.computeIfAbsent(objectId, id -> new Object())) {
            Optional<Attachments.Attachment> attached = attachments.get(objectId);
            if (attached.isPresent() && attached.get().clusterId().equals(clusterId)
                    && alive(commands, attached.get()) && ownedBy(commands, attached.get(), user)) {
                return attached.get().contextId();
            }
            attached.ifPresent(this::destroy);
            String contextId = commands.createContext(clusterId, revision.notebook().language().cellLanguage(),
                    Map.of(), user);
            attachments.put(objectId, new Attachments.Attachment(clusterId, contextId));
            LOG.info("Notebook {} attached to cluster {} (context {})", revision.object().path(), clusterId,
                    contextId);
            return contextId;
        }
    }

    private static boolean ownedBy(CommandExecution commands, Attachments.Attachment attachment, String user) {
        try {
            return commands.contextUser(attachment.clusterId(), attachment.contextId()).orElse("").equals(user);
        } catch (BrickworksException e) {
            return false;
        }
    }

    private static boolean alive(CommandExecution commands, Attachments.Attachment attachment) {
        try {
            commands.contextStatus(attachment.clusterId(), attachment.contextId());
            return true;
        } catch (BrickworksException e) {
            // The context went with a restart of its cluster, or the cluster is gone.
            LOG.debug("Context {} on cluster {} is gone: {}", attachment.contextId(), attachment.clusterId(),
                    e.getMessage());
            return false;
        }
    }

    private void destroy(Attachments.Attachment attachment) {
        try {
            commands().destroyContext(attachment.clusterId(), attachment.contextId());
        } catch (BrickworksException e) {
            LOG.debug("Context {} on cluster {} was gone already: {}", attachment.contextId(),
                    attachment.clusterId(), e.getMessage());
        }
    }

    private void requireRunning(String clusterId) {
        ClusterState state = clusters().get(clusterId).state();
        if (state != ClusterState.RUNNING) {
            throw new BrickworksException(ErrorCode.INVALID_STATE,
                    "Cluster " + clusterId + " is " + state + "; notebooks run on RUNNING clusters");
        }
    }

    @Override
    public List<NotebookRun> runs(String path, int limit) {
        return records.runs(workspace().getStatus(path).objectId(), limit);
    }

    private static <S> ServiceTracker<S, S> tracker(BundleContext context, Class<S> type) {
        ServiceTracker<S, S> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        return tracker;
    }

    private WorkspaceService workspace() {
        return Awaiting.await(workspaceTracker, "workspace");
    }

    private ClusterService clusters() {
        return Awaiting.await(clustersTracker, "clusters");
    }

    private CommandExecution commands() {
        return Awaiting.await(commandsTracker, "commands");
    }

    private LanguageRegistry languages() {
        return Awaiting.await(languagesTracker, "languages");
    }
}
