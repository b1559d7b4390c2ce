package org.brickworks.rest.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.brickworks.core.api.PlatformInfo;
import org.brickworks.security.api.dto.User;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The open health check and SCIM {@code Me}, which CLIs and Terraform call first. */
final class PlatformResource {
    private final PlatformInfo platform;
    private final ObjectMapper json;

    PlatformResource(PlatformInfo platform, ObjectMapper json) {
        this.platform = platform;
        this.json = json;
    }

    List<Route> routes() {
        return List.of(Route.get("health", this::health).open(), Route.get("preview/scim/v2/Me", this::me));
    }

    private Object health(ApiRequest request) {
        return json.createObjectNode().put("status", "OK").put("version", platform.version()).put("uptime_seconds",
                Duration.between(platform.startedAt(), Instant.now()).toSeconds());
    }

    private Object me(ApiRequest request) {
        User user = request.caller();
        ObjectNode me = json.createObjectNode();
        me.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
        me.put("id", Long.toString(user.id())).put("userName", user.userName()).put("displayName", user.displayName())
                .put("active", true);
        me.putArray("emails").addObject().put("value", user.userName()).put("type", "work").put("primary", true);
        if (user.admin()) {
            me.putArray("groups").addObject().put("display", "admins").put("value", "admins");
        } else {
            me.putArray("groups");
        }
        return me;
    }
}
