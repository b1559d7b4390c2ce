package org.brickworks.agent.protocol;

/**
 * The platform's paths a driver calls back, below the platform's base address (the {@link AgentLaunch#AUTH_URL}'s
 * scheme, host and port), with the cluster's secret as bearer token. Each acts for the calling cluster only.
 * <ul>
 * <li>{@link #NOTEBOOK_RUN} {@link NotebookRunRequest} → {@link NotebookRunAnswer}: {@code dbutils.notebook.run}</li>
 * <li>{@link #MOUNT} {@link Mount} → {@code {}}; {@link #UNMOUNT} {@link Unmount} → {@code {}}:
 * {@code dbutils.fs.mount/unmount}, the platform's mounts, which it then pushes to every driver</li>
 * <li>{@link #TASK_VALUE_SET} and {@link #TASK_VALUE_GET} {@link TaskValueRequest} → {@link TaskValueAnswer}:
 * {@code dbutils.jobs.taskValues.set/get}, the values of the job run a notebook task's context belongs to</li>
 * <li>{@link #SECRET_GET}, {@link #SECRET_LIST} and {@link #SECRET_SCOPES} {@link SecretRequest} →
 * {@link SecretAnswer}: {@code dbutils.secrets.get/getBytes}, {@code list} and {@code listScopes}, with the rights of
 * the user who owns the calling context</li>
 * </ul>
 */
public final class PlatformPaths {
    public static final String NOTEBOOK_RUN = "/api/2.0/driver/notebook-run";
    public static final String MOUNT = "/api/2.0/driver/mount";
    public static final String UNMOUNT = "/api/2.0/driver/unmount";
    public static final String TASK_VALUE_SET = "/api/2.0/driver/task-value-set";
    public static final String TASK_VALUE_GET = "/api/2.0/driver/task-value-get";
    public static final String SECRET_GET = "/api/2.0/driver/secret-get";
    public static final String SECRET_LIST = "/api/2.0/driver/secret-list";
    public static final String SECRET_SCOPES = "/api/2.0/driver/secret-scopes";
    /** Where Spark Connect checks tokens: SCIM {@code Me} answers 200 for a valid personal access token. */
    public static final String TOKEN_CHECK = "/api/2.0/preview/scim/v2/Me";

    private PlatformPaths() {
    }
}
