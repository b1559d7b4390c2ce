package org.brickworks.notebooks.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The task values of the job task a notebook runs as: what its cells' {@code dbutils.jobs.taskValues} set and get.
 * Values are JSON text. Implemented by the one who runs the notebook as a task (the jobs service); thread-safe.
 *
 * @since 1.3
 */
@ConsumerType
public interface TaskValues {

    /** Sets value {@code key} of the running task to {@code json}. */
    void set(String key, String json);

    /** The JSON text of value {@code key} task {@code taskKey} of the same job run set; null when it set none. */
    String get(String taskKey, String key);
}
