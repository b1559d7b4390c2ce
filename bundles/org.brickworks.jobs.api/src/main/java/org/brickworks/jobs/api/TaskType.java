package org.brickworks.jobs.api;

import java.util.Map;

import org.brickworks.jobs.api.dto.TaskResult;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A kind of job task, registered as a whiteboard service with {@link #NAME} set to the task's payload field in
 * Databricks' {@code Task} JSON ({@code notebook_task}, {@code sql_task}, or a plugin's own such as {@code http_task}).
 * The built-in types are registered the same way. A job may name a plugin's type only while it is registered; when it
 * is gone, the runs of such jobs end {@code INTERNAL_ERROR} with {@code INVALID_RUN_CONFIGURATION}, and nothing else
 * is affected.
 */
@ConsumerType
public interface TaskType {
    /** The service property naming the payload field this type runs. */
    String NAME = "brickworks.jobs.task.type";

    /** Whether the task runs on a cluster, and so needs one compute field; otherwise it runs on the platform. */
    boolean runsOnCluster();

    /**
     * Checks a task's payload before a job is saved.
     *
     * @param field
     *            the payload's place in the settings, for messages: {@code tasks[2].http_task}
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code INVALID_PARAMETER_VALUE} naming the field
     */
    default void check(Map<String, Object> payload, String field) {
    }

    /**
     * Runs one attempt of a task, blocking until it ends. Interruption asks it to stop (the run was cancelled or timed
     * out): it should end soon, with any result. A failure of the task is its result; an exception fails the attempt
     * with the exception's message.
     */
    TaskResult run(TaskRun task) throws Exception;
}
