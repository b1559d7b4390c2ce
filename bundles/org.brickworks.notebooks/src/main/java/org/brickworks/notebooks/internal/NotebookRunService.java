package org.brickworks.notebooks.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.brickworks.clusters.api.ClusterService;
import org.brickworks.clusters.api.CommandExecution;
import org.brickworks.clusters.api.dto.ClusterState;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.notebooks.api.NotebookRunner;
import org.brickworks.notebooks.api.dto.CellRun;
import org.brickworks.notebooks.api.dto.ChildRun;
import org.brickworks.notebooks.api.dto.NotebookRun;
import org.brickworks.store.api.Store;
import org.brickworks.workspace.api.WorkspaceService;
import org.brickworks.workspace.api.dto.NotebookRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
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
    private final MarkdownRenderer markdown = new MarkdownRenderer();
    private final RunningNotebooks running = new RunningNotebooks();
    private final ExecutorService childRuns = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "brickworks-child-run");
        thread.setDaemon(true);
        return thread;
    });
    private volatile NotebooksConfig config;

    @Reference(policyOption = ReferencePolicyOption.GREEDY)
    private volatile WorkspaceService workspace;
    @Reference(policyOption = ReferencePolicyOption.GREEDY)
    private volatile ClusterService clusters;
    @Reference(policyOption = ReferencePolicyOption.GREEDY)
    private volatile CommandExecution commands;

    @Activate
    public NotebookRunService(@Reference Store store, NotebooksConfig config) {
        this.records = new RunRecords(store);
        this.config = config;
    }

    @Modified
    void modified(NotebooksConfig changed) {
        this.config = changed;
    }

    @Deactivate
    void deactivate() {
        childRuns.shutdownNow();
    }

    @Override
    public NotebookRun run(String path, String clusterId, Map<String, String> parameters, String user) {
        return execute(path, clusterId, parameters, user).run();
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
        Future<Executed> child = childRuns.submit(() -> execute(target, clusterId, arguments, user));
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

    private Executed execute(String path, String clusterId, Map<String, String> parameters, String user) {
        WorkspaceService workspace = this.workspace;
        NotebookRevision revision = workspace.notebook(path);
        ClusterState state = clusters.get(clusterId).state();
        if (state != ClusterState.RUNNING) {
            throw new BrickworksException(ErrorCode.INVALID_STATE,
                    "Cluster " + clusterId + " is " + state + "; notebooks run on RUNNING clusters");
        }
        long start = System.currentTimeMillis();
        String notebookPath = revision.object().path();
        LOG.debug("{} runs {} (revision {}) on cluster {}", user, notebookPath, revision.revisionId(), clusterId);
        NotebookExecution execution = new NotebookExecution(workspace, commands, markdown, clusterId, parameters,
                Math.max(1, config.cellTimeoutSeconds()) * 1000L, running, user);
        List<CellRun> cells = execution.run(notebookPath, revision.notebook());
        return new Executed(records.insert(new NotebookRun(0, notebookPath, revision.object().objectId(),
                revision.revisionId(), clusterId, user, start, System.currentTimeMillis(), parameters, cells)),
                execution.exitValue());
    }

    private record Executed(NotebookRun run, String exitValue) {
    }

    @Override
    public List<NotebookRun> runs(String path, int limit) {
        return records.runs(workspace.getStatus(path).objectId(), limit);
    }
}
