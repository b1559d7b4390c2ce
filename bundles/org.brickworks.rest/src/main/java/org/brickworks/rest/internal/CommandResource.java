package org.brickworks.rest.internal;

import java.util.List;
import java.util.Map;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.execution.api.CommandExecution;
import org.brickworks.execution.api.dto.CommandResult;
import org.brickworks.execution.api.dto.CommandStatus;
import org.brickworks.execution.api.dto.ErrorResult;
import org.brickworks.execution.api.dto.HtmlResult;
import org.brickworks.execution.api.dto.ImageResult;
import org.brickworks.execution.api.dto.TableResult;
import org.brickworks.execution.api.dto.TextResult;
import org.brickworks.rest.api.ApiCall;
import org.brickworks.rest.api.ApiParams;
import org.brickworks.rest.api.ApiServlet;
import org.brickworks.rest.api.RestContext;
import org.brickworks.rest.api.Route;
import org.brickworks.security.api.dto.User;
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
 * Command Execution API 1.2 ({@code /api/1.2/contexts/*}, {@code /api/1.2/commands/*}) in Databricks' JSON shapes,
 * with its camelCase fields ({@code clusterId}, {@code contextId}, {@code commandId}), in the languages installed
 * ({@code sql}, {@code scala}, {@code python}, {@code r}, {@code fs}, {@code md} and plugins'). Brickworks' additions:
 * an optional {@code parameters} object of strings on {@code contexts/create} and {@code commands/execute}, the values
 * {@code dbutils.widgets.get} answers; results of {@code resultType} {@code image} ({@code mimeType}, {@code data}) and
 * {@code html} ({@code data}). A context belongs to its creator: another caller's use of it is
 * {@code PERMISSION_DENIED}, unless the caller is an administrator; its results show the creator's secrets as
 * {@code [REDACTED]}.
 */
@Component(service = Servlet.class, configurationPid = RestConfig.PID)
@HttpWhiteboardContextSelect(RestContext.SELECT)
@HttpWhiteboardServletPattern({ "/api/1.2/contexts/*", "/api/1.2/commands/*" })
public class CommandResource extends ApiServlet {
    private static final long serialVersionUID = 1L;
    /**
     * A status request is a snapshot, but waiting this long on the driver first answers a short query's status in
     * one round trip instead of a client's next poll (at 50 ms, a query of 60 ms took a second round trip).
     */
    static final long STATUS_WAIT_MILLIS = 500;

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record NewContext(String clusterId, String language, Map<String, String> parameters) {
        NewContext {
            ApiParams.required(clusterId, "clusterId");
            ApiParams.required(language, "language");
        }
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record ContextRef(String clusterId, String contextId) {
        ContextRef {
            ApiParams.required(clusterId, "clusterId");
            ApiParams.required(contextId, "contextId");
        }
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record NewCommand(String clusterId, String contextId, String language, String command,
            Map<String, String> parameters) {
        NewCommand {
            ApiParams.required(clusterId, "clusterId");
            ApiParams.required(contextId, "contextId");
            ApiParams.required(language, "language");
            ApiParams.required(command, "command");
        }
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record CommandRef(String clusterId, String contextId, String commandId) {
        CommandRef {
            ApiParams.required(clusterId, "clusterId");
            ApiParams.required(contextId, "contextId");
            ApiParams.required(commandId, "commandId");
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Status(String id, String status, Results results) {
    }

    /** A result in the API 1.2's shape: the fields of its {@code resultType}, the others left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Results(String resultType, List<TableResult.Column> schema, Object data, Boolean truncated,
            Boolean isJsonSchema, String summary, String cause, String mimeType, Boolean notebookExit) {

        static Results of(CommandResult result) {
            String type = result.resultType();
            if (result instanceof TableResult table) {
                return new Results(type, table.schema(), table.data(), table.truncated(), true, null, null, null, null);
            }
            if (result instanceof ErrorResult error) {
                return new Results(type, null, null, null, null, error.summary(), error.cause(), null, null);
            }
            if (result instanceof ImageResult image) {
                return new Results(type, null, image.data(), null, null, null, null, image.mimeType(), null);
            }
            if (result instanceof HtmlResult html) {
                return new Results(type, null, html.html(), null, null, null, null, null, null);
            }
            TextResult text = (TextResult) result;
            return new Results(type, null, text.data(), null, null, null, null, null,
                    text.notebookExit() ? true : null);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile CommandExecution commands;
    private final transient ServiceWait<CommandExecution> waiting;
    private final transient Authorization authorization;

    @Activate
    public CommandResource(BundleContext context, RestConfig config) {
        waiting = new ServiceWait<>(context, CommandExecution.class, "command execution", config);
        authorization = new Authorization(context, config);
    }

    @Deactivate
    void deactivate() {
        waiting.close();
        authorization.close();
    }

    @Override
    protected List<Route<?>> routes() {
        return List.of(Route.post("contexts/create", NewContext.class, this::createContext),
                Route.get("contexts/status", ContextRef.class, this::contextStatus),
                Route.post("contexts/destroy", ContextRef.class, this::destroy),
                Route.post("commands/execute", NewCommand.class, this::execute),
                Route.get("commands/status", CommandRef.class, this::status),
                Route.post("commands/cancel", CommandRef.class, this::cancel));
    }

    private CommandExecution commands() {
        return waiting.get(commands);
    }

    private Status createContext(ApiCall<NewContext> call) {
        NewContext p = call.params();
        authorization.require(call.caller().userName(), ClusterResource.CLUSTERS, p.clusterId(),
                ClusterResource.CAN_ATTACH_TO);
        return id(commands().createContext(p.clusterId(), p.language(), p.parameters(), call.caller().userName()));
    }

    /** Only the context's user, or an administrator, may use it. */
    private void requireOwner(ApiCall<?> call, String clusterId, String contextId) {
        User caller = call.caller();
        if (caller.admin()) {
            return;
        }
        commands().contextUser(clusterId, contextId).filter(user -> !user.equals(caller.userName()))
                .ifPresent(user -> {
                    throw new BrickworksException(ErrorCode.PERMISSION_DENIED, "User " + caller.userName()
                            + " may not use execution context " + contextId + ", which belongs to another user");
                });
    }

    private Status contextStatus(ApiCall<ContextRef> call) {
        ContextRef p = call.params();
        requireOwner(call, p.clusterId(), p.contextId());
        return new Status(p.contextId(), commands().contextStatus(p.clusterId(), p.contextId()), null);
    }

    private Status destroy(ApiCall<ContextRef> call) {
        ContextRef p = call.params();
        requireOwner(call, p.clusterId(), p.contextId());
        commands().destroyContext(p.clusterId(), p.contextId());
        return id(p.contextId());
    }

    private Status execute(ApiCall<NewCommand> call) {
        NewCommand p = call.params();
        requireOwner(call, p.clusterId(), p.contextId());
        return id(commands().execute(p.clusterId(), p.contextId(), p.language(), p.command(), p.parameters()));
    }

    private Status status(ApiCall<CommandRef> call) {
        CommandRef p = call.params();
        requireOwner(call, p.clusterId(), p.contextId());
        CommandStatus status = commands().status(p.clusterId(), p.contextId(), p.commandId(), STATUS_WAIT_MILLIS);
        return new Status(status.id(), status.state().apiName(),
                status.result() == null ? null : Results.of(status.result()));
    }

    private Status cancel(ApiCall<CommandRef> call) {
        CommandRef p = call.params();
        requireOwner(call, p.clusterId(), p.contextId());
        commands().cancel(p.clusterId(), p.contextId(), p.commandId());
        return id(p.commandId());
    }

    private static Status id(String id) {
        return new Status(id, null, null);
    }
}
