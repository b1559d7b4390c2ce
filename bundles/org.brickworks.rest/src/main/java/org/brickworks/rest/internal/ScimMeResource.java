package org.brickworks.rest.internal;

import java.util.List;

import org.brickworks.rest.api.ApiCall;
import org.brickworks.rest.api.ApiServlet;
import org.brickworks.rest.api.RestContext;
import org.brickworks.rest.api.Route;
import org.brickworks.security.api.dto.User;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import jakarta.servlet.Servlet;

/** SCIM {@code Me}, which CLIs and Terraform call first: the caller, in SCIM's camelCase. */
@Component(service = Servlet.class)
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

    @Override
    protected List<Route<?>> routes() {
        return List.of(Route.get("preview/scim/v2/Me", Void.class, this::me));
    }

    private Me me(ApiCall<Void> call) {
        User user = call.caller();
        return new Me(List.of(SCHEMA), Long.toString(user.id()), user.userName(), user.displayName(), true,
                List.of(new Email(user.userName(), "work", true)),
                user.admin() ? List.of(new Group("admins", "admins")) : List.of());
    }
}
