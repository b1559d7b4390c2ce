package org.brickworks.rest.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.MapType;

/**
 * A {@code Map<String, String>} from an object whose values are strings, numbers or booleans, taken as their text:
 * Databricks' string maps ({@code spark_conf}, {@code custom_tags}, widget {@code parameters}) get numbers from many
 * clients. Nulls, objects and arrays as values are refused, naming the key.
 */
final class TextMapDeserializer extends StdDeserializer<Map<String, String>> {
    private static final long serialVersionUID = 1L;

    private TextMapDeserializer() {
        super(Map.class);
    }

    /** The module that gives every {@code Map<String, String>} this deserializer. */
    static Module module() {
        return new SimpleModule("text-maps") {
            private static final long serialVersionUID = 1L;

            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.addDeserializers(new Deserializers.Base() {
                    @Override
                    public JsonDeserializer<?> findMapDeserializer(MapType type, DeserializationConfig config,
                            BeanDescription bean, KeyDeserializer keys, TypeDeserializer types,
                            JsonDeserializer<?> values) {
                        return type.getKeyType().hasRawClass(String.class)
                                && type.getContentType().hasRawClass(String.class) ? new TextMapDeserializer() : null;
                    }
                });
            }
        };
    }

    @Override
    public Map<String, String> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.isExpectedStartObjectToken()) {
            return castToMap(context.handleUnexpectedToken(Map.class, parser));
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
            JsonToken value = parser.nextToken();
            if (!value.isScalarValue() || value == JsonToken.VALUE_NULL) {
                MismatchedInputException refused = MismatchedInputException.from(parser, String.class,
                        "Expected a text value for " + key);
                refused.prependPath(entries, key);
                throw refused;
            }
            entries.put(key, parser.getText());
        }
        return entries;
    }

    @Override
    public Map<String, String> getEmptyValue(DeserializationContext context) {
        return Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> castToMap(Object value) {
        return (Map<String, String>) value;
    }
}
