package org.brickworks.rest.internal;

import java.util.List;

import org.brickworks.rest.api.ApiCall;
import org.brickworks.rest.api.ApiServlet;
import org.brickworks.rest.api.RestContext;
import org.brickworks.rest.api.Route;
import org.brickworks.security.api.dto.User;
import org.brickworks.security.api.UserService;
import org.brickworks.security.api.dto.Principal;
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

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.servlet.Servlet;

/**
 * SCIM {@code Me}, which CLIs and Terraform call first: the caller, in SCIM's camelCase, as {@code Users/<id>} shows
 * it (groups, entitlements). An {@link ApiServlet} of its own, apart from {@link ScimResource}, so that it answers
 * from the caller alone where no user service is at hand.
 */
@Component(service = Servlet.class, configurationPid = RestConfig.PID)
@HttpWhiteboardContextSelect(RestContext.SELECT)
@HttpWhiteboardServletPattern({ "/api/2.0/preview/scim/v2/Me", "/api/2.1/preview/scim/v2/Me",
        "/api/2.2/preview/scim/v2/Me" })
public class ScimMeResource extends ApiServlet {
    private static final long serialVersionUID = 1L;
    private static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Me(List<String> schemas, String id, String userName, String displayName, boolean active,
            List<Email> emails, List<Group> groups) {
    }

    record Email(String value, String type, boolean primary) {
    }

    record Group(String display, String value) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile UserService users;
    private final transient ServiceWait<UserService> waiting;
    private final transient ScimJson scim = new ScimJson();

    @Activate
    public ScimMeResource(BundleContext context, RestConfig config) {
        waiting = new ServiceWait<>(context, UserService.class, "user", config);
    }

    /** Without a user service: the caller alone (components under test). */
    ScimMeResource() {
        waiting = null;
    }

    @Deactivate
    void deactivate() {
        waiting.close();
    }

    @Override
    protected List<Route<?>> routes() {
        return List.of(Route.get("preview/scim/v2/Me", Void.class, this::me));
    }

    private Object me(ApiCall<Void> call) {
        User user = call.caller();
        if (waiting != null) {
            Principal principal = waiting.get(users).principal(user.id());
            ObjectNode node = scim.principal(principal);
            // Me is a user to every client: a service principal's user name is its application id, as in Databricks.
            node.put("userName", principal.userName());
            return node;
        }
        return new Me(List.of(SCHEMA), Long.toString(user.id()), user.userName(), user.displayName(), true,
                List.of(new Email(user.userName(), "work", true)),
                user.admin() ? List.of(new Group("admins", "admins")) : List.of());
    }
}
