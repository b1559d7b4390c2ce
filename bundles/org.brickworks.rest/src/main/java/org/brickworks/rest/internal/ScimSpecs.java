package org.brickworks.rest.internal;

import java.util.LinkedHashSet;
import java.util.Set;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.security.api.dto.GroupSpec;
import org.brickworks.security.api.dto.PrincipalKind;
import org.brickworks.security.api.dto.PrincipalSpec;

import com.fasterxml.jackson.databind.JsonNode;

/** What a SCIM resource's JSON (a POST or PUT body, or a resource after a PATCH) asks a principal or group to be. */
final class ScimSpecs {
    private ScimSpecs() {
    }

    static PrincipalSpec principal(PrincipalKind kind, JsonNode node) {
        JsonNode name = field(node, "name");
        return new PrincipalSpec(kind, text(node, kind == PrincipalKind.USER ? "userName" : "applicationId"),
                text(node, "displayName"), name == null ? null : text(name, "givenName"),
                name == null ? null : text(name, "familyName"), text(node, "externalId"), active(node),
                values(node, "entitlements"));
    }

    static GroupSpec group(JsonNode node, boolean withMembers) {
        Set<Long> members = null;
        if (withMembers) {
            members = new LinkedHashSet<>();
            for (String id : values(node, "members")) {
                members.add(id(id, "members"));
            }
        }
        return new GroupSpec(text(node, "displayName"), text(node, "externalId"), members,
                values(node, "entitlements"));
    }

    /** The ids of the {@code value}s of a multi-valued attribute such as {@code members} or {@code groups}. */
    static Set<Long> ids(JsonNode node, String field) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String id : values(node, field)) {
            ids.add(id(id, field));
        }
        return ids;
    }

    static long id(String id, String field) {
        try {
            return Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            throw BrickworksException.invalidParameter(field + ": " + id + " is not an id");
        }
    }

    /** The password a body carries, which is never shown back; null without one. */
    static char[] password(JsonNode node) {
        JsonNode password = field(node, "password");
        if (password == null || password.isNull()) {
            return null;
        }
        if (!password.isTextual()) {
            throw BrickworksException.invalidParameter("password must be a string");
        }
        return password.asText().toCharArray();
    }

    private static boolean active(JsonNode node) {
        JsonNode active = field(node, "active");
        if (active == null || active.isNull()) {
            return true;
        }
        if (active.isBoolean()) {
            return active.asBoolean();
        }
        // Azure AD sends "False" and "True".
        if (active.isTextual()
                && (active.asText().equalsIgnoreCase("true") || active.asText().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(active.asText());
        }
        throw BrickworksException.invalidParameter("active must be true or false, got " + active);
    }

    private static Set<String> values(JsonNode node, String name) {
        JsonNode array = field(node, name);
        Set<String> values = new LinkedHashSet<>();
        if (array == null || array.isNull()) {
            return values;
        }
        if (!array.isArray()) {
            throw BrickworksException.invalidParameter(name + " must be a list of {\"value\": ...}");
        }
        for (JsonNode element : array) {
            JsonNode value = element.isObject() ? element.get("value") : element;
            if (value == null || !(value.isTextual() || value.isIntegralNumber())) {
                throw BrickworksException
                        .invalidParameter(name + " must be a list of {\"value\": ...}, got " + element);
            }
            values.add(value.asText());
        }
        return values;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw BrickworksException.invalidParameter(name + " must be a string, got " + value);
        }
        return value.asText();
    }

    private static JsonNode field(JsonNode node, String name) {
        return node.isObject() ? ScimFilter.field(node, name) : null;
    }
}
