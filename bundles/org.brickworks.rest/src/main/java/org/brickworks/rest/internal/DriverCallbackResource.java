package org.brickworks.rest.internal;

import java.util.List;
import java.util.Map;

import org.brickworks.clusters.api.ClusterService;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.dbfs.api.DbfsService;
import org.brickworks.notebooks.api.NotebookRunner;
import org.brickworks.notebooks.api.dto.ChildRun;
import org.brickworks.rest.api.ApiCall;
import org.brickworks.rest.api.ApiParams;
import org.brickworks.rest.api.ApiServlet;
import org.brickworks.rest.api.RestContext;
import org.brickworks.rest.api.Route;
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

import jakarta.servlet.Servlet;

/**
 * What cluster drivers ask of the platform for {@code dbutils} ({@code /api/2.0/driver/*}, Brickworks' own), in the
 * open context: not a user's token but a running cluster's secret authenticates these calls, and they act for that
 * cluster only.
 * <ul>
 * <li>{@code driver/notebook-run} (POST {@code context_id}, {@code path}, {@code timeout_seconds},
 * {@code arguments}): {@code dbutils.notebook.run}, a child run on the caller's cluster; answers {@code run_id},
 * {@code result_state} ({@code SUCCESS|FAILED|TIMEDOUT}), {@code exit_value}, {@code error}.</li>
 * <li>{@code driver/mount} ({@code source}, {@code mount_point}, {@code extra_configs}) and {@code driver/unmount}
 * ({@code mount_point}): {@code dbutils.fs.mount/unmount}, what {@code dbfs/mount} and {@code dbfs/unmount} do.</li>
 * </ul>
 */
@Component(service = Servlet.class, configurationPid = RestConfig.PID)
@HttpWhiteboardContextSelect(RestContext.OPEN_SELECT)
@HttpWhiteboardServletPattern("/api/2.0/driver/*")
public class DriverCallbackResource extends ApiServlet {
    private static final long serialVersionUID = 1L;

    record NotebookRun(String contextId, String path, long timeoutSeconds, Map<String, String> arguments) {
        NotebookRun {
            ApiParams.required(contextId, "context_id");
            ApiParams.required(path, "path");
            if (timeoutSeconds < 0 || timeoutSeconds > Integer.MAX_VALUE) {
                throw BrickworksException.invalidParameter("timeout_seconds must be between 0 and "
                        + Integer.MAX_VALUE + ", got " + timeoutSeconds);
            }
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RunResult(String resultState, String exitValue, String error, Long runId) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ClusterService clusters;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile NotebookRunner runner;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile DbfsService dbfs;
    private final transient ServiceWait<ClusterService> clustersWait;
    private final transient ServiceWait<NotebookRunner> runnerWait;
    private final transient ServiceWait<DbfsService> dbfsWait;

    @Activate
    public DriverCallbackResource(BundleContext context, RestConfig config) {
        clustersWait = new ServiceWait<>(context, ClusterService.class, "clusters", config);
        runnerWait = new ServiceWait<>(context, NotebookRunner.class, "notebooks", config);
        dbfsWait = new ServiceWait<>(context, DbfsService.class, "DBFS", config);
    }

    @Deactivate
    void deactivate() {
        clustersWait.close();
        runnerWait.close();
        dbfsWait.close();
    }

    @Override
    protected List<Route<?>> routes() {
        return List.of(Route.post("driver/notebook-run", NotebookRun.class, this::notebookRun),
                Route.post("driver/mount", DbfsResource.Mount.class, this::mount),
                Route.post("driver/unmount", DbfsResource.MountPoint.class, this::unmount));
    }

    private RunResult notebookRun(ApiCall<NotebookRun> call) {
        String clusterId = callerCluster(call);
        NotebookRun run = call.params();
        ChildRun child = runnerWait.get(runner).runChild(run.path(), clusterId, run.contextId(), run.arguments(),
                (int) run.timeoutSeconds());
        return new RunResult(child.resultState(), child.exitValue(), child.error(),
                child.run() == null ? null : child.run().runId());
    }

    private Object mount(ApiCall<DbfsResource.Mount> call) {
        callerCluster(call);
        dbfsWait.get(dbfs).mount(call.params().toSpec());
        return null;
    }

    private Object unmount(ApiCall<DbfsResource.MountPoint> call) {
        callerCluster(call);
        dbfsWait.get(dbfs).unmount(call.params().mountPoint());
        return null;
    }

    /** The running cluster whose secret the request carries; else {@code UNAUTHENTICATED}. */
    private String callerCluster(ApiCall<?> call) {
        return clustersWait.get(clusters).driverCluster(call.requiredBearerToken());
    }
}
