package org.brickworks.jobs.api;

import java.util.List;
import java.util.Map;

import org.brickworks.jobs.api.dto.RunPage;
import org.brickworks.jobs.api.dto.RunQuery;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Job runs, in Databricks' Jobs API shapes: requests as the JSON of {@code run-now} and {@code runs/submit}, runs as
 * the JSON of a {@code Run} (snake_case maps, lists, strings, numbers, booleans), with both the legacy {@code state}
 * and the newer {@code status}. A run's tasks run as a DAG on the platform; each task attempt has its own run id.
 * Runs are stored: they are listed after a restart, and a run that was in flight when the platform stopped ends
 * {@code INTERNAL_ERROR}.
 *
 * @throws org.brickworks.core.api.BrickworksException
 *             from every method: {@code RESOURCE_DOES_NOT_EXIST} for an unknown job or run,
 *             {@code INVALID_PARAMETER_VALUE} naming the field of a bad request
 */
@ProviderType
public interface RunService {
    /**
     * {@code run-now}: starts, queues or skips a run of the job, by its {@code max_concurrent_runs} and {@code queue}.
     *
     * @param request
     *            {@code job_parameters}, the legacy {@code notebook_params}, {@code jar_params}, {@code python_params},
     *            {@code python_named_params}, {@code sql_params}, {@code only} (task keys), {@code idempotency_token}
     *            (the same token gives the same run), {@code queue}
     * @return the run's id
     */
    long runNow(long jobId, Map<String, Object> request, String user);

    /** {@code runs/submit}: a one-time run of the request's {@code tasks} (or one task's fields at the top level). */
    long submit(Map<String, Object> request, String user);

    /** The run, with its tasks; a task attempt's run id gives its run too. */
    Map<String, Object> get(long runId);

    RunPage list(RunQuery query);

    /**
     * {@code runs/get-output} of a task run (or of a run of one task): {@code metadata} (the task run),
     * {@code notebook_output}/{@code sql_output}/..., {@code logs}, {@code error}, {@code error_trace}.
     */
    Map<String, Object> output(long runId);

    /** Cancels the run (its running tasks are stopped, the rest are not started); an ended run stays as it is. */
    void cancel(long runId);

    /** Cancels every active run of the job, or, with {@code jobId} null and {@code allQueuedRuns}, every queued run. */
    void cancelAll(Long jobId, boolean allQueuedRuns);

    /**
     * {@code runs/repair}: runs tasks of an ended run again, in the same run: {@code rerun_tasks}, or with
     * {@code rerun_all_failed_tasks} those that did not succeed, and with {@code rerun_dependent_tasks} their
     * downstream tasks; the others keep how they ended. {@code latest_repair_id} is required from the second repair on;
     * the parameter fields of {@code run-now} override the run's. The run's {@code repair_history} records it.
     *
     * @return the repair's id
     */
    long repair(long runId, Map<String, Object> request, String user);

    /**
     * {@code runs/export}: the {@code views} of a run's tasks (or of one task run): with {@code views_to_export}
     * {@code CODE} (the default) or {@code ALL}, each notebook task's notebook as it ran, an HTML page; there are no
     * dashboards.
     */
    Map<String, Object> export(long runId, String viewsToExport);

    /**
     * Brickworks' {@code jobs/backfill}: queues one run of the job for each time its schedule (paused or not) names
     * from {@code startTime} to {@code endTime} (epoch milliseconds, inclusive; at most 1,000), with
     * {@code {{job.trigger.time.*}}} that time, by the job's {@code max_concurrent_runs}.
     *
     * @return the runs' ids, in time order
     */
    List<Long> backfill(long jobId, long startTime, long endTime, String user);

    /** Deletes an ended run. */
    void delete(long runId);
}
