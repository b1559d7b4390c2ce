package org.brickworks.rest.internal;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import org.brickworks.core.api.BrickworksException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * SCIM PATCH (RFC 7644 3.5.2) applied to a resource's JSON: {@code add}, {@code remove}, {@code replace} (any case, as
 * Azure AD sends them), with a path ({@code displayName}, {@code name.givenName}, {@code members},
 * {@code members[value eq "12"]}) or, for add and replace, without one and an object of attributes. Adding to a
 * multi-valued attribute appends the values it does not hold yet (by {@code value}); removing with values removes
 * those. What the result means is for the caller to save.
 */
final class ScimPatch {
    private ScimPatch() {
    }

    /** A copy of {@code resource} with {@code body}'s {@code Operations} applied. */
    static ObjectNode apply(ObjectNode resource, JsonNode body) {
        JsonNode operations = body.get("Operations");
        if (operations == null || !operations.isArray()) {
            throw BrickworksException.invalidParameter("Operations: a list of operations is required");
        }
        ObjectNode copy = resource.deepCopy();
        for (JsonNode operation : operations) {
            String op = operation.path("op").asText("").toLowerCase(Locale.ROOT);
            String path = operation.hasNonNull("path") ? operation.get("path").asText() : null;
            JsonNode value = operation.get("value");
            switch (op) {
            case "add", "replace" -> set(copy, path, value, op.equals("add"));
            case "remove" -> remove(copy, path, value);
            default -> throw BrickworksException
                    .invalidParameter("Operations.op must be add, remove or replace, got '" + op + "'");
            }
        }
        return copy;
    }

    private static void set(ObjectNode resource, String path, JsonNode value, boolean add) {
        if (value == null) {
            throw BrickworksException.invalidParameter("Operations.value is required to " + (add ? "add" : "replace"));
        }
        if (path == null || path.isBlank()) {
            if (!value.isObject()) {
                throw BrickworksException.invalidParameter("Operations.value must be an object when there is no path");
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                set(resource, field.getKey(), field.getValue(), add);
            }
            return;
        }
        if (path.contains("[")) {
            throw BrickworksException
                    .invalidParameter("Operations.path: filters are supported in remove only: " + path);
        }
        String[] names = path.split("\\.", 2);
        if (names.length == 2) {
            ObjectNode parent = resource.get(key(resource, names[0])) instanceof ObjectNode o ? o
                    : resource.putObject(key(resource, names[0]));
            set(parent, names[1], value, add);
            return;
        }
        String key = key(resource, path);
        if (add && resource.get(key) instanceof ArrayNode existing) {
            for (JsonNode element : value.isArray() ? value : resource.arrayNode().add(value)) {
                if (!contains(existing, element)) {
                    existing.add(element);
                }
            }
        } else {
            resource.set(key, value);
        }
    }

    private static void remove(ObjectNode resource, String path, JsonNode value) {
        if (path == null || path.isBlank()) {
            throw BrickworksException.invalidParameter("Operations.path is required to remove");
        }
        int bracket = path.indexOf('[');
        if (bracket > 0) {
            if (!path.endsWith("]")) {
                throw BrickworksException.invalidParameter("Operations.path: cannot parse " + path);
            }
            Predicate<JsonNode> filter = ScimFilter.parse(path.substring(bracket + 1, path.length() - 1));
            if (resource.get(key(resource, path.substring(0, bracket))) instanceof ArrayNode array) {
                removeIf(array, filter);
            }
            return;
        }
        String key = key(resource, path);
        if (value != null && resource.get(key) instanceof ArrayNode array) {
            JsonNode values = value.isArray() ? value : resource.arrayNode().add(value);
            removeIf(array, element -> contains(values, element));
        } else {
            resource.remove(key);
        }
    }

    private static void removeIf(ArrayNode array, Predicate<JsonNode> test) {
        for (int i = array.size() - 1; i >= 0; i--) {
            if (test.test(array.get(i))) {
                array.remove(i);
            }
        }
    }

    /** Whether {@code array} holds {@code element}, comparing objects by their {@code value}. */
    private static boolean contains(JsonNode array, JsonNode element) {
        for (JsonNode existing : array) {
            if (existing.equals(element) || existing.has("value") && element.has("value")
                    && existing.get("value").asText().equals(element.get("value").asText())) {
                return true;
            }
        }
        return false;
    }

    /** The resource's own spelling of attribute {@code name} (names ignore case), or {@code name}. */
    private static String key(ObjectNode resource, String name) {
        for (Iterator<String> names = resource.fieldNames(); names.hasNext();) {
            String key = names.next();
            if (key.equalsIgnoreCase(name)) {
                return key;
            }
        }
        return name;
    }
}
