package org.brickworks.rest.internal;

import java.util.List;

import org.brickworks.clusters.api.CommandExecution;
import org.brickworks.clusters.api.dto.CommandResult;
import org.brickworks.core.api.ServiceSlot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Command Execution API 1.2 ({@code /api/1.2/contexts/*}, {@code /api/1.2/commands/*}) in Databricks' JSON shapes,
 * with its camelCase fields ({@code clusterId}, {@code contextId}, {@code commandId}). Languages {@code sql},
 * {@code scala}, {@code python}, {@code r}, {@code fs} ({@code %fs} commands). Brickworks' addition: an optional
 * {@code parameters} object of strings on {@code contexts/create} and {@code commands/execute}, the values
 * {@code dbutils.widgets.get} answers.
 */
final class CommandResource {
    /**
     * A status request is a snapshot, but waiting this long on the driver first answers a short query's status in
     * one round trip instead of a client's next poll (at 50 ms, a query of 60 ms took a second round trip).
     */
    static final long STATUS_WAIT_MILLIS = 500;

    private final ServiceSlot<CommandExecution> commands;
    private final ObjectMapper json;

    CommandResource(ServiceSlot<CommandExecution> commands, ObjectMapper json) {
        this.commands = commands;
        this.json = json;
    }

    List<Route> routes() {
        return List.of(Route.post("contexts/create", this::createContext),
                Route.get("contexts/status", this::contextStatus), Route.post("contexts/destroy", this::destroy),
                Route.post("commands/execute", this::execute), Route.get("commands/status", this::status),
                Route.post("commands/cancel", this::cancel));
    }

    private Object createContext(ApiRequest request) {
        return id(commands.get().createContext(request.requiredString("clusterId"),
                request.requiredString("language"), request.optionalStringMap("parameters")));
    }

    private Object contextStatus(ApiRequest request) {
        String contextId = request.requiredString("contextId");
        String status = commands.get().contextStatus(request.requiredString("clusterId"), contextId);
        return id(contextId).put("status", status);
    }

    private Object destroy(ApiRequest request) {
        String contextId = request.requiredString("contextId");
        commands.get().destroyContext(request.requiredString("clusterId"), contextId);
        return id(contextId);
    }

    private Object execute(ApiRequest request) {
        return id(commands.get().execute(request.requiredString("clusterId"), request.requiredString("contextId"),
                request.requiredString("language"), request.requiredString("command"),
                request.optionalStringMap("parameters")));
    }

    private Object status(ApiRequest request) {
        CommandResult result = commands.get().status(request.requiredString("clusterId"),
                request.requiredString("contextId"), request.requiredString("commandId"), STATUS_WAIT_MILLIS);
        ObjectNode node = id(result.id()).put("status", result.status());
        if (result.results() != null) {
            node.set("results", json.valueToTree(result.results()));
        }
        return node;
    }

    private Object cancel(ApiRequest request) {
        String commandId = request.requiredString("commandId");
        commands.get().cancel(request.requiredString("clusterId"), request.requiredString("contextId"), commandId);
        return id(commandId);
    }

    private ObjectNode id(String id) {
        return json.createObjectNode().put("id", id);
    }
}
