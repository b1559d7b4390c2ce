package org.brickworks.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.rest.api.RestCaller;
import org.brickworks.rest.api.RestContext;
import org.brickworks.security.api.GroupService;
import org.brickworks.security.api.UserService;
import org.brickworks.security.api.dto.Group;
import org.brickworks.security.api.dto.Principal;
import org.brickworks.security.api.dto.PrincipalKind;
import org.brickworks.security.api.dto.PrincipalSpec;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Databricks' workspace SCIM 2.0 API as the SDKs and Terraform call it: {@code Users}, {@code ServicePrincipals} and
 * {@code Groups}, each listed (filter, sort, paging, attributes: {@link ScimQuery}), read, created, replaced (PUT),
 * patched ({@link ScimPatch}) and deleted. Everyone authenticated may read; the services refuse changes by
 * non-administrators, except a user setting its own password. Errors in SCIM's shape
 * {@code {"schemas": [Error], "detail", "status"}}. ({@code Me} is {@link ScimMeResource}'s.)
 */
@Component(service = Servlet.class, configurationPid = RestConfig.PID)
@HttpWhiteboardContextSelect(RestContext.SELECT)
@HttpWhiteboardServletPattern({ "/api/2.0/preview/scim/v2/*", "/api/2.1/preview/scim/v2/*" })
public class ScimResource extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ScimResource.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile UserService users;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile GroupService groups;
    private final transient ServiceWait<UserService> userWait;
    private final transient ServiceWait<GroupService> groupWait;
    private final transient ScimJson json = new ScimJson();
    private final long maxBodyBytes;

    @Activate
    public ScimResource(BundleContext context, RestConfig config) {
        userWait = new ServiceWait<>(context, UserService.class, "user", config);
        groupWait = new ServiceWait<>(context, GroupService.class, "group", config);
        maxBodyBytes = config.maxBodyBytes();
    }

    ScimResource(UserService users, GroupService groups) {
        userWait = ServiceWait.none("user");
        groupWait = ServiceWait.none("group");
        this.users = users;
        this.groups = groups;
        maxBodyBytes = 1 << 20;
    }

    @Deactivate
    void deactivate() {
        userWait.close();
        groupWait.close();
    }

    /** One request: its caller, the resource type and the id after it, if any. */
    private record Call(HttpServletRequest request, User caller, PrincipalKind kind, String id) {
        long numericId() {
            try {
                return Long.parseLong(id);
            } catch (NumberFormatException e) {
                throw BrickworksException.notFound(ScimJson.resourceType(kind) + " " + id + " does not exist");
            }
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            Call call = call(request);
            String method = request.getMethod();
            if (call.id() == null) {
                switch (method) {
                case "GET" -> send(response, 200, list(call));
                case "POST" -> send(response, 201, create(call));
                default -> throw notAllowed(method);
                }
            } else {
                switch (method) {
                case "GET" -> send(response, 200, get(call));
                case "PUT" -> send(response, 200, replace(call));
                case "PATCH" -> send(response, 200, patch(call));
                case "DELETE" -> {
                    delete(call);
                    response.setStatus(204);
                }
                default -> throw notAllowed(method);
                }
            }
        } catch (BrickworksException e) {
            LOG.debug("{} {} failed: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
            send(response, e.errorCode().httpStatus(), json.error(e.errorCode().httpStatus(), e.getMessage()));
        } catch (RuntimeException e) {
            String incident = UUID.randomUUID().toString();
            LOG.error("{} {} failed, incident {}", request.getMethod(), request.getRequestURI(), incident, e);
            send(response, 500, json.error(500, "Internal error, incident " + incident + " in the platform log"));
        }
    }

    private static Call call(HttpServletRequest request) {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        PrincipalKind kind = switch (parts[0]) {
        case "Users" -> PrincipalKind.USER;
        case "ServicePrincipals" -> PrincipalKind.SERVICE_PRINCIPAL;
        case "Groups" -> PrincipalKind.GROUP;
        default -> null;
        };
        if (kind == null || parts.length > 2) {
            throw new BrickworksException(ErrorCode.ENDPOINT_NOT_FOUND,
                    "No API found for '" + request.getMethod() + " " + request.getRequestURI() + "'");
        }
        return new Call(request, RestCaller.of(request), kind, parts.length == 2 ? parts[1] : null);
    }

    private static BrickworksException notAllowed(String method) {
        return new BrickworksException(ErrorCode.ENDPOINT_NOT_FOUND, "Method " + method + " is not supported here");
    }

    private ObjectNode list(Call call) {
        ScimQuery query = ScimQuery.of(call.request());
        List<ObjectNode> all = call.kind() == PrincipalKind.GROUP
                ? groupWait.get(groups).list().stream().map(json::group).toList()
                : userWait.get(users).principals(call.kind()).stream().map(json::principal).toList();
        return query.answer(all, json);
    }

    private ObjectNode get(Call call) {
        ScimQuery query = ScimQuery.of(call.request());
        return query.project(
                call.kind() == PrincipalKind.GROUP ? json.group(group(call)) : json.principal(principal(call)));
    }

    private Group group(Call call) {
        return groupWait.get(groups).get(call.numericId());
    }

    private Principal principal(Call call) {
        Principal p = userWait.get(users).principal(call.numericId());
        if (p.kind() != call.kind()) {
            throw BrickworksException
                    .notFound(ScimJson.resourceType(call.kind()) + " " + call.id() + " does not exist");
        }
        return p;
    }

    private ObjectNode create(Call call) throws IOException {
        requireAdmin(call);
        JsonNode body = body(call.request());
        String caller = call.caller().userName();
        if (call.kind() == PrincipalKind.GROUP) {
            return json.group(groupWait.get(groups).create(caller, ScimSpecs.group(body, true)));
        }
        UserService service = userWait.get(users);
        char[] password = passwordOf(call.kind(), body);
        Principal created = service.create(caller, ScimSpecs.principal(call.kind(), body));
        try {
            if (password != null) {
                service.setPassword(caller, created.userName(), password);
            }
            for (long group : ScimSpecs.ids(body, "groups")) {
                groupWait.get(groups).addMembers(caller, group, Set.of(created.id()));
            }
        } catch (RuntimeException e) {
            // All or nothing: the principal goes again when its password or groups are refused.
            service.delete(caller, created.id());
            throw e;
        }
        return json.principal(service.principal(created.id()));
    }

    private ObjectNode replace(Call call) throws IOException {
        requireAdminOrSelf(call);
        JsonNode body = body(call.request());
        String caller = call.caller().userName();
        if (call.kind() == PrincipalKind.GROUP) {
            group(call);
            return json.group(groupWait.get(groups).replace(caller, call.numericId(), ScimSpecs.group(body, true)));
        }
        principal(call);
        UserService service = userWait.get(users);
        char[] password = passwordOf(call.kind(), body);
        Principal replaced = service.replace(caller, call.numericId(), ScimSpecs.principal(call.kind(), body));
        if (password != null) {
            service.setPassword(caller, replaced.userName(), password);
        }
        return json.principal(service.principal(replaced.id()));
    }

    private ObjectNode patch(Call call) throws IOException {
        requireAdminOrSelf(call);
        JsonNode body = body(call.request());
        String caller = call.caller().userName();
        if (call.kind() == PrincipalKind.GROUP) {
            GroupService service = groupWait.get(groups);
            ObjectNode before = json.group(group(call));
            ObjectNode after = ScimPatch.apply(before, body);
            if (!ScimSpecs.group(after, false).equals(ScimSpecs.group(before, false))) {
                service.replace(caller, call.numericId(), ScimSpecs.group(after, false));
            }
            changeMembers(caller, call.numericId(), ScimSpecs.ids(before, "members"), ScimSpecs.ids(after, "members"));
            return json.group(service.get(call.numericId()));
        }
        UserService service = userWait.get(users);
        Principal principal = principal(call);
        ObjectNode before = json.principal(principal);
        ObjectNode after = ScimPatch.apply(before, body);
        char[] password = passwordOf(call.kind(), after);
        after.remove("password");
        PrincipalSpec spec = ScimSpecs.principal(call.kind(), after);
        if (!spec.equals(ScimSpecs.principal(call.kind(), before))) {
            service.replace(caller, principal.id(), spec);
        }
        Set<Long> was = ScimSpecs.ids(before, "groups");
        for (long group : ScimSpecs.ids(after, "groups")) {
            if (!was.remove(group)) {
                groupWait.get(groups).addMembers(caller, group, Set.of(principal.id()));
            }
        }
        for (long group : was) {
            groupWait.get(groups).removeMembers(caller, group, Set.of(principal.id()));
        }
        if (password != null) {
            service.setPassword(caller, service.principal(principal.id()).userName(), password);
        }
        return json.principal(service.principal(principal.id()));
    }

    private void changeMembers(String caller, long group, Set<Long> before, Set<Long> after) {
        Set<Long> added = new HashSet<>(after);
        added.removeAll(before);
        Set<Long> removed = new HashSet<>(before);
        removed.removeAll(after);
        if (!added.isEmpty()) {
            groupWait.get(groups).addMembers(caller, group, added);
        }
        if (!removed.isEmpty()) {
            groupWait.get(groups).removeMembers(caller, group, removed);
        }
    }

    private void delete(Call call) {
        requireAdmin(call);
        if (call.kind() == PrincipalKind.GROUP) {
            group(call);
            groupWait.get(groups).delete(call.caller().userName(), call.numericId());
        } else {
            principal(call);
            userWait.get(users).delete(call.caller().userName(), call.numericId());
        }
    }

    private static char[] passwordOf(PrincipalKind kind, JsonNode node) {
        char[] password = ScimSpecs.password(node);
        if (password != null && kind != PrincipalKind.USER) {
            throw BrickworksException.invalidParameter("password: service principals own no password");
        }
        return password;
    }

    /** Refuses at once what only administrators may do, before anything is read or parsed further. */
    private void requireAdmin(Call call) {
        if (!userWait.get(users).isAdmin(call.caller().userName())) {
            throw new BrickworksException(ErrorCode.PERMISSION_DENIED,
                    "Only administrators may change users, service principals and groups");
        }
    }

    /** A user may change its own password through its own resource; the services check the rest. */
    private void requireAdminOrSelf(Call call) {
        if (call.kind() != PrincipalKind.USER || !call.id().equals(Long.toString(call.caller().id()))) {
            requireAdmin(call);
        }
    }

    private JsonNode body(HttpServletRequest request) throws IOException {
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
        }
        if (bytes.length > maxBodyBytes) {
            throw new BrickworksException(ErrorCode.REQUEST_LIMIT_EXCEEDED,
                    "The request body exceeds the limit of " + maxBodyBytes + " bytes");
        }
        JsonNode node;
        try {
            node = bytes.length == 0 ? null : json.mapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new BrickworksException(ErrorCode.MALFORMED_REQUEST,
                    "Malformed JSON request body: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BrickworksException(ErrorCode.MALFORMED_REQUEST, "The request body must be a JSON object");
        }
        return node;
    }

    private void send(HttpServletResponse response, int status, JsonNode body) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        byte[] bytes = json.mapper().writeValueAsBytes(body);
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
