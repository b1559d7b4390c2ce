package org.brickworks.jobs.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.TrackedServices;
import org.brickworks.dbfs.api.DbfsService;
import org.brickworks.execution.api.CommandExecution;
import org.brickworks.execution.api.dto.CommandResult;
import org.brickworks.execution.api.dto.CommandStatus;
import org.brickworks.execution.api.dto.ErrorResult;
import org.brickworks.execution.api.dto.TextResult;
import org.brickworks.jobs.api.TaskRun;
import org.brickworks.jobs.api.TaskType;
import org.brickworks.jobs.api.dto.TaskResult;
import org.brickworks.workspace.api.WorkspaceService;
import org.brickworks.workspace.api.dto.ExportFormat;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;

/**
 * A built-in task type that runs on a cluster's driver. The platform services it calls are tracked, not referenced
 * ({@link TrackedServices}): an update of their bundles must not take the type away, and a call waits for the new
 * provider.
 */
abstract class ClusterTaskType implements TaskType {
    private static final long POLL_MILLIS = 1_000;
    private static final long CANCEL_WAIT_MILLIS = 60_000;

    private volatile TrackedServices services;

    @Activate
    void open(BundleContext context) {
        services = new TrackedServices(context);
    }

    @Deactivate
    void close() {
        services.close();
    }

    @Override
    public boolean runsOnCluster() {
        return true;
    }

    /** The current {@code type} service, waiting for one while its bundle is being swapped. */
    protected <S> S service(Class<S> type, String what) {
        return services.await(type, what);
    }

    /**
     * Runs {@code commands} one after another in a new execution context of {@code language} on the cluster, then
     * destroys it; the last command's result, or the first error's. Interruption cancels the running command.
     */
    protected CommandResult runOnDriver(TaskRun task, String language, Iterable<String> commands)
            throws InterruptedException {
        String clusterId = task.clusterId();
        CommandExecution execution = service(CommandExecution.class, "command execution");
        // the context is the run's identity's: its dbutils.secrets calls have its rights, its results are redacted
        String context = execution.createContext(clusterId, language, Map.of(), task.user());
        try {
            CommandResult last = null;
            for (String command : commands) {
                String id = execution.execute(clusterId, context, language, command, Map.of());
                CommandStatus status = execution.status(clusterId, context, id, POLL_MILLIS);
                while (!status.done()) {
                    if (Thread.interrupted()) {
                        cancel(execution, clusterId, context, id);
                        throw new InterruptedException("The command was cancelled");
                    }
                    status = execution.status(clusterId, context, id, POLL_MILLIS);
                }
                last = status.result();
                if (last instanceof ErrorResult) {
                    return last;
                }
            }
            return last;
        } finally {
            execution.destroyContext(clusterId, context);
        }
    }

    /**
     * Cancels a command and waits a while for it to end: the Spark work stops before the context goes (a context
     * destroyed under a running command would leave its Spark jobs running).
     */
    private static void cancel(CommandExecution execution, String clusterId, String context, String command) {
        execution.cancel(clusterId, context, command);
        long deadline = System.currentTimeMillis() + CANCEL_WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline
                && !execution.status(clusterId, context, command, POLL_MILLIS).done()) {
            // polled with the status call's own wait
        }
    }

    /**
     * Runs one command as a script on the driver: what it printed is the task's logs, an error its failure with the
     * trace; a cluster that cannot take the command fails the task too.
     */
    protected TaskResult runScript(TaskRun task, String language, String command) throws InterruptedException {
        CommandResult result;
        try {
            result = runOnDriver(task, language, List.of(command));
        } catch (BrickworksException e) {
            return TaskResult.failure(e.getMessage(), "", Map.of(), "");
        }
        if (result instanceof ErrorResult error) {
            return TaskResult.failure(error.summary(), error.cause(), Map.of(), "");
        }
        return TaskResult.success(Map.of(), result instanceof TextResult text ? text.data() : "");
    }

    /** A file's text from {@code dbfs:/...} or the workspace ({@code /Workspace/...}, {@code /Users/...}). */
    protected String read(String path) {
        if (path.startsWith("dbfs:/")) {
            try (InputStream in = service(DbfsService.class, "DBFS").open(path)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw BrickworksException.invalidParameter("Cannot read " + path + ": " + e.getMessage());
            }
        }
        String workspacePath = path.startsWith("/Workspace/") ? path.substring("/Workspace".length()) : path;
        return new String(service(WorkspaceService.class, "workspace").export(workspacePath, ExportFormat.SOURCE)
                .content(), StandardCharsets.UTF_8);
    }
}
