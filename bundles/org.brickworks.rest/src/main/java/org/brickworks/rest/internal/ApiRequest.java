package org.brickworks.rest.internal;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.security.api.dto.User;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A parsed API call: the caller (null on open endpoints) and its parameters, from the JSON body of a POST or the query
 * string of a GET, or the body still unread for a {@linkplain Route#streamed() streamed} route. Accessors check types
 * and name the field at fault; unknown fields are ignored.
 */
final class ApiRequest {
    private final User caller;
    private final ObjectNode params;
    private final String bearer;
    private final InputStream body;
    private final String contentType;

    ApiRequest(User caller, ObjectNode params) {
        this(caller, params, null);
    }

    /** {@code bearer}: the request's bearer token, kept for open endpoints that check it themselves. */
    ApiRequest(User caller, ObjectNode params, String bearer) {
        this(caller, params, bearer, null, null);
    }

    private ApiRequest(User caller, ObjectNode params, String bearer, InputStream body, String contentType) {
        this.caller = caller;
        this.params = params == null ? JsonNodeFactory.instance.objectNode() : params;
        this.bearer = bearer;
        this.body = body;
        this.contentType = contentType;
    }

    /** A request of a streamed route: its handler reads {@code body} itself. */
    static ApiRequest streamed(User caller, InputStream body) {
        return new ApiRequest(caller, null, null, body, null);
    }

    /** A {@code multipart/form-data} request: its handler parses {@code body}, the boundary in {@code contentType}. */
    static ApiRequest form(User caller, InputStream body, String contentType) {
        return new ApiRequest(caller, null, null, body, contentType);
    }

    /** The Content-Type of a form request. */
    String contentType() {
        return contentType;
    }

    /** The bearer token of an open endpoint's request. */
    String bearerToken() {
        if (bearer == null || bearer.isBlank()) {
            throw BrickworksException
                    .unauthenticated("Missing Authorization header: send 'Authorization: Bearer <token>'");
        }
        return bearer;
    }

    /** The unread request body of a streamed route (bounded by the configured body limit) or of a form. */
    InputStream body() {
        if (body == null) {
            throw new IllegalStateException("Only streamed routes read the body themselves");
        }
        return body;
    }

    User caller() {
        return caller;
    }

    String requiredString(String field) {
        return optionalString(field)
                .orElseThrow(() -> BrickworksException.invalidParameter("Missing required field: " + field));
    }

    Optional<String> optionalString(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw wrongType(field, "a string", value);
        }
        return Optional.of(value.asText());
    }

    Optional<Long> optionalLong(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Optional.of(value.asLong());
        }
        if (value.isTextual() && value.asText().matches("-?\\d{1,18}")) {
            return Optional.of(Long.parseLong(value.asText())); // query-string values arrive as text
        }
        throw wrongType(field, "an integer", value);
    }

    /** A boolean, as JSON or (query strings) the text {@code true} or {@code false}: {@code overwrite}. */
    Optional<Boolean> optionalBoolean(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBoolean()) {
            return Optional.of(value.asBoolean());
        }
        if (value.isTextual() && value.asText().matches("(?i)true|false")) {
            return Optional.of(Boolean.parseBoolean(value.asText())); // query-string values arrive as text
        }
        throw wrongType(field, "a boolean", value);
    }

    /** An object whose values are strings, numbers or booleans (as text): {@code spark_conf}, {@code custom_tags}. */
    Map<String, String> optionalStringMap(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw wrongType(field, "an object", value);
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
                throw BrickworksException.invalidParameter("Invalid value for " + field + "." + entry.getKey()
                        + ": expected a string, got " + entry.getValue().getNodeType().name().toLowerCase());
            }
            entries.put(entry.getKey(), entry.getValue().asText());
        }
        return entries;
    }

    /** A nested object, as a request of its own: {@code autoscale}. */
    Optional<ApiRequest> optionalObject(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw wrongType(field, "an object", value);
        }
        return Optional.of(new ApiRequest(caller, (ObjectNode) value));
    }

    /** A list of strings: {@code preloaded_spark_versions}. */
    List<String> optionalStringList(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw wrongType(field, "an array", value);
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw wrongType(field + "[]", "a string", item);
            }
            items.add(item.asText());
        }
        return items;
    }

    /** An array of any items, empty when absent: {@code libraries}. */
    JsonNode optionalArray(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (!value.isArray()) {
            throw wrongType(field, "an array", value);
        }
        return value;
    }

    private JsonNode present(String field) {
        JsonNode value = params.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private static BrickworksException wrongType(String field, String expected, JsonNode value) {
        return BrickworksException.invalidParameter("Invalid value for " + field + ": expected " + expected + ", got "
                + value.getNodeType().name().toLowerCase());
    }
}
