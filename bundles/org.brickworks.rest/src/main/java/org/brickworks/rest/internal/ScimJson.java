package org.brickworks.rest.internal;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.brickworks.security.api.dto.Group;
import org.brickworks.security.api.dto.GroupRef;
import org.brickworks.security.api.dto.Member;
import org.brickworks.security.api.dto.Principal;
import org.brickworks.security.api.dto.PrincipalKind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Users, service principals and groups as Databricks' SCIM API shows them (the shapes of the Databricks SDK's
 * {@code service.iam} models): camelCase, ids as strings, multi-valued attributes as {@code {"value", "display",
 * "$ref"}}. Built as trees, because lists filter and project them by attribute name. Thread-safe.
 */
final class ScimJson {
    static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String WORKSPACE_USER_SCHEMA = "urn:ietf:params:scim:schemas:extension:workspace:2.0:User";
    static final String SERVICE_PRINCIPAL_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal";
    static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
    static final String PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private final ObjectMapper mapper = new ObjectMapper();

    ObjectMapper mapper() {
        return mapper;
    }

    ObjectNode principal(Principal p) {
        ObjectNode node = mapper.createObjectNode();
        boolean user = p.kind() == PrincipalKind.USER;
        schemas(node, user ? List.of(USER_SCHEMA, WORKSPACE_USER_SCHEMA) : List.of(SERVICE_PRINCIPAL_SCHEMA));
        node.put("id", Long.toString(p.id()));
        if (user) {
            node.put("userName", p.userName());
        } else {
            node.put("applicationId", p.userName());
        }
        node.put("displayName", p.displayName());
        if (user && (p.givenName() != null || p.familyName() != null)) {
            ObjectNode name = node.putObject("name");
            name.put("givenName", p.givenName());
            name.put("familyName", p.familyName());
        }
        node.put("active", p.active());
        if (user) {
            node.putArray("emails").addObject().put("value", p.userName()).put("type", "work").put("primary", true);
        }
        if (p.externalId() != null) {
            node.put("externalId", p.externalId());
        }
        entitlements(node, p.entitlements());
        groups(node, p.groups());
        return node;
    }

    ObjectNode group(Group g) {
        ObjectNode node = mapper.createObjectNode();
        schemas(node, List.of(GROUP_SCHEMA));
        node.put("id", Long.toString(g.id()));
        node.put("displayName", g.displayName());
        if (g.externalId() != null) {
            node.put("externalId", g.externalId());
        }
        ArrayNode members = node.putArray("members");
        for (Member m : g.members()) {
            members.addObject().put("display", m.display()).put("value", Long.toString(m.id())).put("$ref",
                    resourceType(m.kind()) + "/" + m.id());
        }
        entitlements(node, g.entitlements());
        groups(node, g.groups());
        node.putObject("meta").put("resourceType", "WorkspaceGroup");
        return node;
    }

    ObjectNode list(List<JsonNode> page, int total, int startIndex) {
        ObjectNode node = mapper.createObjectNode();
        schemas(node, List.of(LIST_SCHEMA));
        node.put("totalResults", total);
        node.put("startIndex", startIndex);
        node.put("itemsPerPage", page.size());
        node.putArray("Resources").addAll(page);
        return node;
    }

    ObjectNode error(int status, String detail) {
        ObjectNode node = mapper.createObjectNode();
        schemas(node, List.of(ERROR_SCHEMA));
        node.put("detail", detail);
        node.put("status", Integer.toString(status));
        String type = status == 400 ? "invalidValue" : status == 409 ? "uniqueness" : null;
        if (type != null) {
            node.put("scimType", type);
        }
        return node;
    }

    static String resourceType(PrincipalKind kind) {
        return switch (kind) {
        case USER -> "Users";
        case SERVICE_PRINCIPAL -> "ServicePrincipals";
        case GROUP -> "Groups";
        };
    }

    private static void schemas(ObjectNode node, Collection<String> schemas) {
        ArrayNode array = node.putArray("schemas");
        schemas.forEach(array::add);
    }

    private static void entitlements(ObjectNode node, Set<String> entitlements) {
        ArrayNode array = node.putArray("entitlements");
        entitlements.stream().sorted().forEach(e -> array.addObject().put("value", e));
    }

    private static void groups(ObjectNode node, List<GroupRef> groups) {
        ArrayNode array = node.putArray("groups");
        for (GroupRef g : groups) {
            array.addObject().put("display", g.displayName()).put("value", Long.toString(g.id()))
                    .put("$ref", "Groups/" + g.id()).put("type", "direct");
        }
    }
}
