package org.brickworks.rest.internal;

import java.util.List;

import org.brickworks.core.api.ServiceSlot;
import org.brickworks.execution.api.CommandExecution;
import org.brickworks.execution.api.dto.CommandResult;
import org.brickworks.execution.api.dto.CommandStatus;
import org.brickworks.execution.api.dto.ErrorResult;
import org.brickworks.execution.api.dto.HtmlResult;
import org.brickworks.execution.api.dto.ImageResult;
import org.brickworks.execution.api.dto.TableResult;
import org.brickworks.execution.api.dto.TextResult;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Command Execution API 1.2 ({@code /api/1.2/contexts/*}, {@code /api/1.2/commands/*}) in Databricks' JSON shapes,
 * with its camelCase fields ({@code clusterId}, {@code contextId}, {@code commandId}), in the languages installed
 * ({@code sql}, {@code scala}, {@code python}, {@code r}, {@code fs}, {@code md} and plugins'). Brickworks' additions:
 * an optional {@code parameters} object of strings on {@code contexts/create} and {@code commands/execute}, the values
 * {@code dbutils.widgets.get} answers; results of {@code resultType} {@code image} ({@code mimeType}, {@code data}) and
 * {@code html} ({@code data}).
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
        CommandStatus status = commands.get().status(request.requiredString("clusterId"),
                request.requiredString("contextId"), request.requiredString("commandId"), STATUS_WAIT_MILLIS);
        ObjectNode node = id(status.id()).put("status", status.state().apiName());
        if (status.result() != null) {
            node.set("results", results(status.result()));
        }
        return node;
    }

    /** A result in the API 1.2's shape, told apart by {@code resultType}. */
    private ObjectNode results(CommandResult result) {
        ObjectNode node = json.createObjectNode().put("resultType", result.resultType());
        if (result instanceof TableResult table) {
            node.set("schema", json.valueToTree(table.schema()));
            node.set("data", json.valueToTree(table.data()));
            return node.put("truncated", table.truncated()).put("isJsonSchema", true);
        }
        if (result instanceof ErrorResult error) {
            return node.put("summary", error.summary()).put("cause", error.cause());
        }
        if (result instanceof ImageResult image) {
            return node.put("mimeType", image.mimeType()).put("data", image.data());
        }
        if (result instanceof HtmlResult html) {
            return node.put("data", html.html());
        }
        TextResult text = (TextResult) result;
        node.put("data", text.data());
        return text.notebookExit() ? node.put("notebookExit", true) : node;
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
