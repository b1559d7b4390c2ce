package org.brickworks.notebooks.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.brickworks.notebooks.api.dto.ChildRun;
import org.brickworks.notebooks.api.dto.NotebookRun;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs whole notebooks ("Run all") on a cluster, or some of their cells in the notebook's attached context ("Run
 * cell").
 * <p>
 * A run takes the notebook's current revision and executes its cells in order in one execution context created on the
 * cluster for this run (Command Execution API semantics: {@code execute} with the cell's language, then status polls),
 * and destroys the context at the end. Markdown cells ({@code %md}) are rendered to HTML on the platform;
 * {@code %run <path>} runs the cells of another notebook (path relative to the running notebook's folder, or absolute)
 * at that point, in the same context, refusing cycles; empty cells finish at once; an unknown magic command is an
 * error. Every other cell goes to the cluster with its language ({@code sql}, {@code scala}, {@code python}, {@code r},
 * {@code fs}, {@code sh}, {@code pip}): whether the cluster runs it is the cluster's answer. The run stops at the first
 * cell that fails (status {@code ERROR} or {@code CANCELLED}); the cells after it are {@code SKIPPED}.
 * <p>
 * Parameters are the notebook's widgets: the run's context gets them as its parameters, so
 * {@code dbutils.widgets.get(name)} answers them in Scala and Python cells, and {@code ${name}} in SQL cells is
 * replaced by the parameter's value before the cell runs (Databricks' legacy widget syntax); other references stay as
 * written.
 * A cell that calls {@code dbutils.notebook.exit(value)} ends the run there (the cells after it are not run).
 * <p>
 * Each cell's output is kept bounded ({@link #MAX_OUTPUT_CHARS}, {@code truncated} when cut) and the run is stored with
 * the notebook revision it ran. Thread-safe; runs of different notebooks, or of one notebook, may go side by side.
 *
 * @throws org.brickworks.core.api.BrickworksException
 *             {@code RESOURCE_DOES_NOT_EXIST} for an unknown notebook or cluster, {@code INVALID_PARAMETER_VALUE}
 *             when the path is not a notebook, {@code INVALID_STATE} when the cluster is not running; a cell's failure
 *             is never an exception, it is the run's result
 */
@ProviderType
public interface NotebookRunner {

    /** The most characters of output one cell keeps (64 KiB). */
    int MAX_OUTPUT_CHARS = 64 * 1024;

    /**
     * Runs the notebook at {@code path} on {@code clusterId} as {@code user} with {@code parameters} (widget values),
     * blocking until the last cell ends or the first failure. Interrupting the calling thread cancels the running cell.
     *
     * @return the stored run with every cell's status, timing and output
     */
    NotebookRun run(String path, String clusterId, Map<String, String> parameters, String user);

    /**
     * Runs the notebook as {@link #run} does and tells how it ended, with the value its {@code dbutils.notebook.exit}
     * passed: what a job's notebook task reports. {@code TIMEDOUT} does not occur (the caller bounds the run by
     * interrupting it, which cancels the running cell: the result is then {@code FAILED}).
     *
     * @since 1.2
     */
    ChildRun runToExit(String path, String clusterId, Map<String, String> parameters, String user);

    /**
     * As {@link #runToExit}, as a job's task whose {@code dbutils.jobs.taskValues} are {@code taskValues} (also in
     * the notebooks it runs with {@code dbutils.notebook.run}).
     *
     * @since 1.3
     */
    ChildRun runTask(String path, String clusterId, Map<String, String> parameters, String user,
            TaskValues taskValues);

    /**
     * The task values of the notebook run in execution context {@code contextId} of {@code clusterId}: empty when
     * that context runs no job task ({@code dbutils.jobs.taskValues} outside a job).
     *
     * @since 1.3
     */
    Optional<TaskValues> taskValues(String clusterId, String contextId);

    /**
     * {@code dbutils.notebook.run}: runs the notebook at {@code path} as a child of a command of execution context
     * {@code callerContextId} on {@code clusterId}, in a new context of that cluster, with {@code arguments} as its
     * parameters, waiting at most {@code timeoutSeconds} (0: no limit) before cancelling it. A relative path resolves
     * against the notebook that runs in the caller's context when that is a notebook run, and is refused otherwise.
     * A child run stops at its {@code dbutils.notebook.exit}. Its failures are its result, not exceptions.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             as {@link #run}, and {@code INVALID_PARAMETER_VALUE} for a relative path outside a notebook run or a
     *             negative timeout
     * @since 1.1
     */
    ChildRun runChild(String path, String clusterId, String callerContextId, Map<String, String> arguments,
            int timeoutSeconds);

    /**
     * Runs cells {@code firstCell} to {@code lastCell} (0-based, inclusive) of the notebook at {@code path} the way a
     * user runs cells of a notebook attached to a cluster: in the notebook's <em>attached</em> execution context on
     * {@code clusterId}, which outlives the call, so a later call sees the definitions, variables and temp views of
     * earlier ones. The first call attaches the notebook (creates the context); a call naming another cluster, or
     * finding the context gone (the cluster restarted), attaches it anew, with fresh state. Cells run as in
     * {@link #run} (stop at the first failure, {@code %run} in the same context) and the run is stored with the
     * notebook's current revision, bounded the same way; {@link #runs} returns it among the whole runs.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             as {@link #run}, and {@code INVALID_PARAMETER_VALUE} when a cell index is out of the notebook's
     *             range or {@code firstCell > lastCell}
     * @since 1.1
     */
    NotebookRun runCells(String path, String clusterId, int firstCell, int lastCell, Map<String, String> parameters,
            String user);

    /**
     * Detaches the notebook at {@code path}: destroys its attached context (its state is gone).
     *
     * @return whether it was attached
     * @since 1.1
     */
    boolean detach(String path);

    /** The stored runs of the notebook at {@code path}, newest first, at most {@code limit}. */
    List<NotebookRun> runs(String path, int limit);
}
