package org.brickworks.rest.internal;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.brickworks.clusters.api.DriverChannels;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.dbfs.api.DbfsService;
import org.brickworks.dbfs.api.dto.MountSpec;
import org.brickworks.execution.api.CommandExecution;
import org.brickworks.notebooks.api.NotebookRunner;
import org.brickworks.notebooks.api.TaskValues;
import org.brickworks.notebooks.api.dto.ChildRun;
import org.brickworks.rest.api.ApiCall;
import org.brickworks.rest.api.ApiParams;
import org.brickworks.rest.api.ApiServlet;
import org.brickworks.rest.api.RestContext;
import org.brickworks.rest.api.Route;
import org.brickworks.secrets.api.SecretService;
import org.brickworks.secrets.api.dto.SecretMetadata;
import org.brickworks.secrets.api.dto.SecretScope;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import jakarta.servlet.Servlet;

/**
 * What cluster drivers ask of the platform for {@code dbutils} ({@code /api/2.0/driver/*}, Brickworks' own), in the
 * open context: not a user's token but a running cluster's secret authenticates these calls, and they act for that
 * cluster only. The secret is checked before the body: a caller without one learns nothing about the fields.
 * <ul>
 * <li>{@code driver/notebook-run} (the agent protocol's {@code NotebookRunRequest}: {@code contextId}, {@code path},
 * {@code timeoutSeconds}, {@code arguments}): {@code dbutils.notebook.run}, a child run on the caller's cluster;
 * answers a {@code NotebookRunAnswer}: {@code runId}, {@code resultState} ({@code SUCCESS|FAILED|TIMEDOUT}),
 * {@code exitValue}, {@code error}.</li>
 * <li>{@code driver/mount} ({@code Mount}: {@code source}, {@code mountPoint}, {@code extraConfigs}) and
 * {@code driver/unmount} ({@code mountPoint}): {@code dbutils.fs.mount/unmount}, what {@code dbfs/mount} and
 * {@code dbfs/unmount} do.</li>
 * <li>{@code driver/task-value-set} ({@code contextId}, {@code key}, {@code value} as JSON text) and
 * {@code driver/task-value-get} ({@code contextId}, {@code taskKey}, {@code key}): {@code dbutils.jobs.taskValues}
 * of the job task the context's notebook runs as; answer {@code inJob} and, for a get, the {@code value}'s JSON text
 * (absent when the task set none).</li>
 * <li>{@code driver/secret-get} ({@code contextId}, {@code scope}, {@code key}), {@code driver/secret-list}
 * ({@code contextId}, {@code scope}) and {@code driver/secret-scopes} ({@code contextId}):
 * {@code dbutils.secrets}, with the rights of the user who owns the context (a context of no user reads nothing:
 * {@code PERMISSION_DENIED}); answer the {@code value} (Base64) or the {@code names} of keys or scopes.</li>
 * </ul>
 */
@Component(service = Servlet.class, configurationPid = RestConfig.PID)
@HttpWhiteboardContextSelect(RestContext.OPEN_SELECT)
@HttpWhiteboardServletPattern("/api/2.0/driver/*")
public class DriverCallbackResource extends ApiServlet {
    private static final long serialVersionUID = 1L;

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record NotebookRun(String contextId, String path, long timeoutSeconds, Map<String, String> arguments) {
        void validate() {
            ApiParams.required(contextId, "contextId");
            ApiParams.required(path, "path");
            if (timeoutSeconds < 0 || timeoutSeconds > Integer.MAX_VALUE) {
                throw BrickworksException.invalidParameter("timeoutSeconds must be between 0 and "
                        + Integer.MAX_VALUE + ", got " + timeoutSeconds);
            }
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record RunResult(String resultState, String exitValue, String error, Long runId) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Mount(String source, String mountPoint, Map<String, String> extraConfigs) {
        void validate() {
            ApiParams.required(source, "source");
            ApiParams.required(mountPoint, "mountPoint");
        }
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Unmount(String mountPoint) {
        void validate() {
            ApiParams.required(mountPoint, "mountPoint");
        }
    }

    /** {@code dbutils.jobs.taskValues.set} ({@code taskKey} null) or {@code get} ({@code value} null). */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record TaskValue(String contextId, String taskKey, String key, String value) {
        TaskValue validate(boolean get) {
            ApiParams.required(contextId, "contextId");
            ApiParams.required(key, "key");
            ApiParams.required(get ? taskKey : value, get ? "taskKey" : "value");
            return this;
        }
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record TaskValueAnswer(boolean inJob, String value) {
    }

    /** {@code dbutils.secrets}: {@code scope} null for the scopes, {@code key} null but for a get. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record SecretRequest(String contextId, String scope, String key) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record SecretAnswer(String value, List<String> names) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile DriverChannels drivers;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile NotebookRunner runner;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile DbfsService dbfs;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile CommandExecution commands;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SecretService secrets;
    private final transient ServiceWait<DriverChannels> driversWait;
    private final transient ServiceWait<CommandExecution> commandsWait;
    private final transient ServiceWait<SecretService> secretsWait;
    private final transient ServiceWait<NotebookRunner> runnerWait;
    private final transient ServiceWait<DbfsService> dbfsWait;

    @Activate
    public DriverCallbackResource(BundleContext context, RestConfig config) {
        driversWait = new ServiceWait<>(context, DriverChannels.class, "clusters", config);
        runnerWait = new ServiceWait<>(context, NotebookRunner.class, "notebooks", config);
        dbfsWait = new ServiceWait<>(context, DbfsService.class, "DBFS", config);
        commandsWait = new ServiceWait<>(context, CommandExecution.class, "command execution", config);
        secretsWait = new ServiceWait<>(context, SecretService.class, "secrets", config);
    }

    @Deactivate
    void deactivate() {
        driversWait.close();
        runnerWait.close();
        dbfsWait.close();
        commandsWait.close();
        secretsWait.close();
    }

    @Override
    protected List<Route<?>> routes() {
        return List.of(Route.post("driver/notebook-run", NotebookRun.class, this::notebookRun),
                Route.post("driver/mount", Mount.class, this::mount),
                Route.post("driver/unmount", Unmount.class, this::unmount),
                Route.post("driver/task-value-set", TaskValue.class, this::setTaskValue),
                Route.post("driver/task-value-get", TaskValue.class, this::getTaskValue),
                Route.post("driver/secret-get", SecretRequest.class, this::getSecret),
                Route.post("driver/secret-list", SecretRequest.class, this::listSecrets),
                Route.post("driver/secret-scopes", SecretRequest.class, this::listScopes));
    }

    private RunResult notebookRun(ApiCall<NotebookRun> call) {
        String clusterId = callerCluster(call);
        NotebookRun run = call.params();
        run.validate();
        ChildRun child = runnerWait.get(runner).runChild(run.path(), clusterId, run.contextId(), run.arguments(),
                (int) run.timeoutSeconds());
        return new RunResult(child.resultState(), child.exitValue(), child.error(),
                child.run() == null ? null : child.run().runId());
    }

    private Object mount(ApiCall<Mount> call) {
        callerCluster(call);
        Mount mount = call.params();
        mount.validate();
        dbfsWait.get(dbfs).mount(new MountSpec(mount.source(), mount.mountPoint(),
                mount.extraConfigs() == null ? Map.of() : mount.extraConfigs()));
        return null;
    }

    private Object unmount(ApiCall<Unmount> call) {
        callerCluster(call);
        call.params().validate();
        dbfsWait.get(dbfs).unmount(call.params().mountPoint());
        return null;
    }

    /** Outside a job task's notebook run, nothing is set. */
    private TaskValueAnswer setTaskValue(ApiCall<TaskValue> call) {
        String clusterId = callerCluster(call);
        TaskValue set = call.params().validate(false);
        Optional<TaskValues> values = runnerWait.get(runner).taskValues(clusterId, set.contextId());
        values.ifPresent(taskValues -> taskValues.set(set.key(), set.value()));
        return new TaskValueAnswer(values.isPresent(), null);
    }

    private TaskValueAnswer getTaskValue(ApiCall<TaskValue> call) {
        String clusterId = callerCluster(call);
        TaskValue get = call.params().validate(true);
        return runnerWait.get(runner).taskValues(clusterId, get.contextId())
                .map(values -> new TaskValueAnswer(true, values.get(get.taskKey(), get.key())))
                .orElse(new TaskValueAnswer(false, null));
    }

    private SecretAnswer getSecret(ApiCall<SecretRequest> call) {
        String user = contextUser(call);
        SecretRequest get = call.params();
        ApiParams.required(get.scope(), "scope");
        ApiParams.required(get.key(), "key");
        byte[] value = secretsWait.get(secrets).get(user, get.scope(), get.key());
        return new SecretAnswer(Base64.getEncoder().encodeToString(value), null);
    }

    private SecretAnswer listSecrets(ApiCall<SecretRequest> call) {
        String user = contextUser(call);
        ApiParams.required(call.params().scope(), "scope");
        return new SecretAnswer(null, secretsWait.get(secrets).list(user, call.params().scope()).stream()
                .map(SecretMetadata::key).toList());
    }

    private SecretAnswer listScopes(ApiCall<SecretRequest> call) {
        String user = contextUser(call);
        return new SecretAnswer(null, secretsWait.get(secrets).listScopes(user).stream().map(SecretScope::name)
                .toList());
    }

    /** The user who owns the calling cluster's context the request names; a context of no user reads no secrets. */
    private String contextUser(ApiCall<SecretRequest> call) {
        String clusterId = callerCluster(call);
        String contextId = call.params().contextId();
        ApiParams.required(contextId, "contextId");
        return commandsWait.get(commands).contextUser(clusterId, contextId)
                .orElseThrow(() -> new BrickworksException(ErrorCode.PERMISSION_DENIED, "Execution context "
                        + contextId + " belongs to no user, so it reads no secrets"));
    }

    /** The running cluster whose secret the request carries; else {@code UNAUTHENTICATED}. */
    private String callerCluster(ApiCall<?> call) {
        return driversWait.get(drivers).clusterWithSecret(call.requiredBearerToken());
    }
}
