package org.brickworks.rest.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ServiceSlot;
import org.brickworks.notebooks.api.NotebookRunner;
import org.brickworks.notebooks.api.dto.CellRun;
import org.brickworks.notebooks.api.dto.NotebookRun;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Brickworks' own whole-notebook runs (no Databricks counterpart: Databricks runs notebooks through jobs):
 * {@code notebooks/run} (POST {@code path}, {@code cluster_id}, {@code parameters}; answers when the run ends; with
 * {@code cell_index} and optionally {@code to_cell_index}, runs those cells in the notebook's attached context),
 * {@code notebooks/detach} (POST {@code path}: destroys that context) and {@code notebooks/runs} (GET {@code path},
 * {@code limit}: the stored runs, newest first).
 */
final class NotebookResource {
    private static final int DEFAULT_RUNS = 20;

    private final ServiceSlot<NotebookRunner> runner;
    private final ObjectMapper json;

    NotebookResource(ServiceSlot<NotebookRunner> runner, ObjectMapper json) {
        this.runner = runner;
        this.json = json;
    }

    List<Route> routes() {
        return List.of(Route.post("notebooks/run", this::run), Route.get("notebooks/runs", this::runs),
                Route.post("notebooks/detach", this::detach));
    }

    private Object run(ApiRequest request) {
        String path = request.requiredString("path");
        String clusterId = request.requiredString("cluster_id");
        Map<String, String> parameters = request.optionalStringMap("parameters");
        Optional<Long> first = request.optionalLong("cell_index");
        Optional<Long> to = request.optionalLong("to_cell_index");
        if (first.isEmpty() && to.isPresent()) {
            throw BrickworksException.invalidParameter("to_cell_index needs cell_index, the first cell to run");
        }
        if (first.isEmpty()) {
            return run(runner.get().run(path, clusterId, parameters, request.caller().userName()));
        }
        long last = to.orElse(first.get());
        if (first.get() < 0 || last > Integer.MAX_VALUE) {
            throw BrickworksException.invalidParameter("cell_index and to_cell_index must be cell indexes (0, 1, ...)");
        }
        return run(runner.get().runCells(path, clusterId, first.get().intValue(), (int) last, parameters,
                request.caller().userName()));
    }

    private Object detach(ApiRequest request) {
        return json.createObjectNode().put("detached", runner.get().detach(request.requiredString("path")));
    }

    private Object runs(ApiRequest request) {
        long limit = request.optionalLong("limit").orElse((long) DEFAULT_RUNS);
        if (limit < 1 || limit > 1000) {
            throw BrickworksException.invalidParameter("limit must be between 1 and 1000, got " + limit);
        }
        ObjectNode result = json.createObjectNode();
        ArrayNode runs = result.putArray("runs");
        runner.get().runs(request.requiredString("path"), (int) limit).forEach(run -> runs.add(run(run)));
        return result;
    }

    private ObjectNode run(NotebookRun run) {
        ObjectNode node = json.createObjectNode().put("run_id", run.runId()).put("path", run.path())
                .put("object_id", run.objectId()).put("revision_id", run.revisionId())
                .put("cluster_id", run.clusterId()).put("user_name", run.user()).put("start_time", run.startTime())
                .put("end_time", run.endTime()).put("result_state", run.succeeded() ? "SUCCESS" : "FAILED");
        ObjectNode parameters = node.putObject("parameters");
        run.parameters().forEach(parameters::put);
        ArrayNode cells = node.putArray("cells");
        run.cells().forEach(cell -> cells.add(cell(cell)));
        return node;
    }

    private ObjectNode cell(CellRun cell) {
        ObjectNode node = json.createObjectNode().put("position", cell.position())
                .put("notebook_path", cell.notebookPath()).put("cell_index", cell.cellIndex())
                .put("language", cell.language()).put("status", cell.status().name())
                .put("start_time", cell.startTime()).put("duration_ms", cell.durationMillis());
        if (cell.title() != null) {
            node.put("title", cell.title());
        }
        node.putObject("output").put("type", cell.output().type()).put("data", cell.output().data())
                .put("truncated", cell.output().truncated());
        return node;
    }
}
