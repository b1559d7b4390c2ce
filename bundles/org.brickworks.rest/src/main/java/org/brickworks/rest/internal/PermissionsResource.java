package org.brickworks.rest.internal;

import java.io.IOException;
import java.util.List;

import org.brickworks.permissions.api.ObjectRef;
import org.brickworks.permissions.api.PermissionService;
import org.brickworks.permissions.api.SecurableType;
import org.brickworks.permissions.api.dto.AccessControlRequest;
import org.brickworks.rest.api.RestCaller;
import org.brickworks.rest.api.RestContext;
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

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Permissions API 2.0: {@code GET}, {@code PUT} (replace) and {@code PATCH} (add) of
 * {@code /api/2.0/permissions/<type>/<id>}, and {@code GET .../permissionLevels}, for every registered
 * {@link SecurableType} (clusters, instance-pools, jobs, notebooks, directories, files, authorization/tokens, and
 * plugins' own). A plain servlet, since its paths carry ids and it uses PUT and PATCH; the rules are the permissions
 * service's.
 */
@Component(service = Servlet.class, configurationPid = RestConfig.PID)
@HttpWhiteboardContextSelect(RestContext.SELECT)
@HttpWhiteboardServletPattern({ "/api/2.0/permissions/*" })
public class PermissionsResource extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PermissionsResource.class);
    private static final String LEVELS = "permissionLevels";

    record Update(List<AccessControlRequest> accessControlList) {
    }

    record Levels(List<Level> permissionLevels) {
    }

    record Level(String permissionLevel, String description) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PermissionService permissions;
    private final transient ServiceWait<PermissionService> waiting;
    private final transient ApiJson json = new ApiJson();
    private final transient ObjectMapper answers = json.mapper().copy()
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
    private final long maxBodyBytes;

    @Activate
    public PermissionsResource(BundleContext context, RestConfig config) {
        waiting = new ServiceWait<>(context, PermissionService.class, "permissions", config);
        maxBodyBytes = config.maxBodyBytes();
    }

    @Deactivate
    void deactivate() {
        waiting.close();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PlainServlets.serve(request, response, answers, LOG,
                () -> answer(request, RestCaller.of(request).userName()));
    }

    private Object answer(HttpServletRequest request, String caller) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        boolean levels = parts.length == 3 && LEVELS.equals(parts[2]);
        if ((parts.length != 2 && !levels) || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw ApiError.noEndpoint(request.getMethod(), request.getRequestURI());
        }
        ObjectRef object = new ObjectRef(parts[0], parts[1]);
        PermissionService service = waiting.get(permissions);
        String method = request.getMethod();
        if (levels) {
            if (!method.equals("GET")) {
                throw ApiError.noEndpoint(method, request.getRequestURI());
            }
            return new Levels(service.levels(caller, object).stream()
                    .map(level -> new Level(level.name(), level.description())).toList());
        }
        return switch (method) {
        case "GET" -> service.get(caller, object);
        case "PUT" -> service.set(caller, object, body(request).accessControlList());
        case "PATCH" -> service.update(caller, object, body(request).accessControlList());
        default -> throw ApiError.noEndpoint(method, request.getRequestURI());
        };
    }

    private Update body(HttpServletRequest request) throws IOException {
        return json.bind(json.parse(PlainServlets.body(request, maxBodyBytes)), Update.class);
    }
}
