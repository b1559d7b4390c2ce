package org.brickworks.agent.protocol;

/**
 * {@code dbutils.jobs.taskValues} from a context of the calling cluster: {@link PlatformPaths#TASK_VALUE_SET} sets
 * {@code key} of the job task the context's notebook runs as to {@code value}; {@link PlatformPaths#TASK_VALUE_GET}
 * reads {@code key} of task {@code taskKey} of the same job run ({@link TaskValueAnswer}).
 *
 * @param taskKey
 *            the task whose value a get reads; null for a set
 * @param value
 *            the value a set sets, as JSON text; null for a get
 */
public record TaskValueRequest(String contextId, String taskKey, String key, String value) {
}
