package org.brickworks.rest.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.brickworks.core.api.BrickworksException;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * JSON as the API speaks it: names in snake_case (a type may say otherwise with {@code @JsonNaming}), unknown fields
 * ignored, absent or null maps and lists empty, numbers and booleans never taken for strings (nor the other way but
 * from query strings and text of digits), except as values of string maps ({@code spark_conf}, {@code parameters}),
 * which Databricks fills with numbers too. Binding failures become {@code INVALID_PARAMETER_VALUE} naming the field
 * and what it should hold. A body is one JSON value in strict UTF-8 with nothing after it. Thread-safe.
 */
final class ApiJson {
    private final ObjectMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .addModule(TextMapDeserializer.module())
            .withConfigOverride(Map.class, o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY)))
            .withConfigOverride(List.class, o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY)))
            .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean,
                    c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
            .build();

    ObjectMapper mapper() {
        return mapper;
    }

    /**
     * A request body's JSON object, or an empty one for an empty body.
     *
     * @throws BrickworksException
     *             {@code MALFORMED_REQUEST} when the body is no JSON object
     */
    JsonNode parse(byte[] body) {
        JsonNode tree;
        try {
            tree = body.length == 0 ? null : mapper.readTree(utf8(body));
        } catch (CharacterCodingException e) {
            throw ApiError.malformed("Malformed JSON request body: not valid UTF-8");
        } catch (IOException e) {
            throw ApiError.malformed("Malformed JSON request body: " + (e instanceof JsonProcessingException p
                    ? p.getOriginalMessage() : e.getMessage()));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return mapper.createObjectNode();
        }
        if (!tree.isObject()) {
            throw ApiError.malformed(
                    "The request body must be a JSON object, got " + tree.getNodeType().name().toLowerCase());
        }
        return tree;
    }

    /**
     * {@code body} decoded strictly: Jackson's own decoder takes overlong forms ({@code C0 AF} for {@code /}) and
     * would let an encoded slash or dot through as the character.
     */
    private static String utf8(byte[] body) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    }

    /**
     * {@code params} bound to {@code type}; null for {@code Void}.
     *
     * @throws BrickworksException
     *             {@code INVALID_PARAMETER_VALUE} naming the field that does not bind, or the exception the type's
     *             constructor threw
     */
    <T> T bind(JsonNode params, Class<T> type) {
        if (type == Void.class) {
            return null;
        }
        try {
            return mapper.treeToValue(params, type);
        } catch (JsonProcessingException e) {
            throw invalid(e, params);
        }
    }

    private static BrickworksException invalid(JsonProcessingException e, JsonNode params) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BrickworksException refused) {
                return refused;
            }
        }
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return ApiError.malformed("Malformed request: " + e.getOriginalMessage());
        }
        JsonNode value = params;
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference step : mapping.getPath()) {
            if (step.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(step.getFieldName());
                value = value.path(step.getFieldName());
            } else {
                field.append('[').append(step.getIndex()).append(']');
                value = value.path(step.getIndex());
            }
        }
        if (e.getCause() instanceof InputCoercionException) {
            return BrickworksException
                    .invalidParameter("Invalid value for " + field + ": " + value + " is out of range");
        }
        return BrickworksException.invalidParameter("Invalid value for " + field + ": expected " + expected(mapping)
                + (value.isMissingNode() ? "" : ", got " + value.getNodeType().name().toLowerCase()));
    }

    private static String expected(JsonMappingException e) {
        Class<?> type = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        if (type == null) {
            return "another value";
        }
        if (type.isEnum()) {
            return "one of " + String.join(", ", Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList());
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "an integer";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
