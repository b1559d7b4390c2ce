package org.brickworks.rest.internal;

import java.util.List;
import java.util.Map;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.notebooks.api.NotebookRunner;
import org.brickworks.notebooks.api.dto.CellRun;
import org.brickworks.notebooks.api.dto.NotebookRun;
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
 * Brickworks' own whole-notebook runs (no Databricks counterpart: Databricks runs notebooks through jobs):
 * {@code notebooks/run} (POST {@code path}, {@code cluster_id}, {@code parameters}; answers when the run ends; with
 * {@code cell_index} and optionally {@code to_cell_index}, runs those cells in the notebook's attached context),
 * {@code notebooks/detach} (POST {@code path}: destroys that context) and {@code notebooks/runs} (GET {@code path},
 * {@code limit}: the stored runs, newest first).
 */
@Component(service = Servlet.class, configurationPid = RestConfig.PID)
@HttpWhiteboardContextSelect(RestContext.SELECT)
@HttpWhiteboardServletPattern({ "/api/2.0/notebooks/*", "/api/2.1/notebooks/*", "/api/2.2/notebooks/*" })
public class NotebookResource extends ApiServlet {
    private static final long serialVersionUID = 1L;
    private static final int DEFAULT_RUNS = 20;

    record Run(String path, String clusterId, Map<String, String> parameters, Integer cellIndex,
            Integer toCellIndex) {
        Run {
            ApiParams.required(path, "path");
            ApiParams.required(clusterId, "cluster_id");
            if (cellIndex == null && toCellIndex != null) {
                throw BrickworksException.invalidParameter("to_cell_index needs cell_index, the first cell to run");
            }
            if (cellIndex != null && cellIndex < 0) {
                throw BrickworksException
                        .invalidParameter("cell_index and to_cell_index must be cell indexes (0, 1, ...)");
            }
        }
    }

    record Runs(String path, Integer limit) {
        Runs {
            ApiParams.required(path, "path");
            if (limit != null && (limit < 1 || limit > 1000)) {
                throw BrickworksException.invalidParameter("limit must be between 1 and 1000, got " + limit);
            }
        }
    }

    record NotebookPath(String path) {
        NotebookPath {
            ApiParams.required(path, "path");
        }
    }

    record Detached(boolean detached) {
    }

    record RunList(List<RunInfo> runs) {
    }

    record RunInfo(long runId, String path, long objectId, long revisionId, String clusterId, String userName,
            long startTime, long endTime, String resultState, Map<String, String> parameters, List<CellInfo> cells) {
        static RunInfo of(NotebookRun run) {
            return new RunInfo(run.runId(), run.path(), run.objectId(), run.revisionId(), run.clusterId(), run.user(),
                    run.startTime(), run.endTime(), run.succeeded() ? "SUCCESS" : "FAILED", run.parameters(),
                    run.cells().stream().map(CellInfo::of).toList());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CellInfo(int position, String notebookPath, int cellIndex, String language, String status,
            long startTime, long durationMs, String title, Output output) {
        static CellInfo of(CellRun cell) {
            return new CellInfo(cell.position(), cell.notebookPath(), cell.cellIndex(), cell.language(),
                    cell.status().name(), cell.startTime(), cell.durationMillis(), cell.title(),
                    new Output(cell.output().type(), cell.output().data(), cell.output().truncated()));
        }
    }

    record Output(String type, String data, boolean truncated) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile NotebookRunner runner;
    private final transient ServiceWait<NotebookRunner> waiting;

    @Activate
    public NotebookResource(BundleContext context, RestConfig config) {
        waiting = new ServiceWait<>(context, NotebookRunner.class, "notebooks", config);
    }

    @Deactivate
    void deactivate() {
        waiting.close();
    }

    @Override
    protected List<Route<?>> routes() {
        return List.of(Route.post("notebooks/run", Run.class, this::run),
                Route.get("notebooks/runs", Runs.class, this::runs),
                Route.post("notebooks/detach", NotebookPath.class,
                        call -> new Detached(runner().detach(call.params().path()))));
    }

    private NotebookRunner runner() {
        return waiting.get(runner);
    }

    private RunInfo run(ApiCall<Run> call) {
        Run run = call.params();
        String user = call.caller().userName();
        if (run.cellIndex() == null) {
            return RunInfo.of(runner().run(run.path(), run.clusterId(), run.parameters(), user));
        }
        int last = run.toCellIndex() == null ? run.cellIndex() : run.toCellIndex();
        return RunInfo.of(runner().runCells(run.path(), run.clusterId(), run.cellIndex(), last, run.parameters(),
                user));
    }

    private RunList runs(ApiCall<Runs> call) {
        int limit = call.params().limit() == null ? DEFAULT_RUNS : call.params().limit();
        return new RunList(runner().runs(call.params().path(), limit).stream().map(RunInfo::of).toList());
    }
}
