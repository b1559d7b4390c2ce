package org.brickworks.jobs.api;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/** One attempt of a task, as its {@link TaskType} sees it. */
@ProviderType
public interface TaskRun {
    /** The job's id; for a one-time run ({@code runs/submit}), the id of the job it created. */
    long jobId();

    /** The id of the job run. */
    long runId();

    /** This attempt's own run id. */
    long taskRunId();

    String taskKey();

    /** The user the run executes as. */
    String user();

    /**
     * The payload ({@code notebook_task}'s object): the job's settings with dynamic value references
     * ({@code {{job.id}}}, {@code {{job.parameters.x}}}, {@code {{tasks.a.values.v}}}, ...) resolved.
     */
    Map<String, Object> payload();

    /** The cluster the task runs on, RUNNING; null for a task that runs on the platform. */
    String clusterId();

    /** The job parameters of this run, defaults overridden by the run's. */
    Map<String, String> jobParameters();

    /**
     * The legacy per-type parameters the run was started with ({@code notebook_params}, {@code python_params},
     * {@code jar_params}, {@code sql_params}, {@code python_named_params}): a type applies those of its kind.
     */
    Map<String, Object> runParameters();

    /** Sets a task value that later tasks read as {@code {{tasks.<key>.values.<name>}}}; a JSON value. */
    void setTaskValue(String name, Object value);

    /**
     * The task values task {@code taskKey} of this run set so far, by name (JSON values, which
     * {@code dbutils.jobs.taskValues.get} reads); empty when it set none or there is no such task.
     *
     * @since 0.3
     */
    Map<String, Object> taskValues(String taskKey);
}
