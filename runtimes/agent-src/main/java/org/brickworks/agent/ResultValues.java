package org.brickworks.agent;

import java.math.BigDecimal;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Converts the values of collected rows to JSON: numbers, booleans and strings as themselves, binary as base64, structs
 * as objects, arrays as arrays, maps as objects, anything else (dates, timestamps, intervals) as its string form. Works
 * on Scala's collection interfaces directly so one source serves both Scala 2.12 and 2.13.
 */
final class ResultValues {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ResultValues() {
    }

    /** A row as a JSON array of its values, in column order. */
    static ArrayNode row(Row row) {
        ArrayNode values = JSON.arrayNode();
        for (int i = 0; i < row.length(); i++) {
            values.add(value(row.get(i)));
        }
        return values;
    }

    static JsonNode value(Object value) {
        if (value == null) {
            return JSON.nullNode();
        } else if (value instanceof String text) {
            return JSON.textNode(text);
        } else if (value instanceof Boolean bool) {
            return JSON.booleanNode(bool);
        } else if (value instanceof Byte || value instanceof Short || value instanceof Integer) {
            return JSON.numberNode(((Number) value).intValue());
        } else if (value instanceof Long number) {
            return JSON.numberNode(number);
        } else if (value instanceof Float || value instanceof Double) {
            return JSON.numberNode(((Number) value).doubleValue());
        } else if (value instanceof BigDecimal decimal) {
            return JSON.numberNode(decimal);
        } else if (value instanceof byte[] bytes) {
            return JSON.binaryNode(bytes);
        } else if (value instanceof Row struct) {
            return struct(struct);
        } else if (value instanceof scala.collection.Map<?, ?> map) {
            return map(map);
        } else if (value instanceof scala.collection.Iterable<?> items) {
            return array(items);
        }
        return JSON.textNode(value.toString());
    }

    private static JsonNode struct(Row struct) {
        StructType schema = struct.schema();
        if (schema == null) {
            return row(struct);
        }
        ObjectNode object = JSON.objectNode();
        String[] names = schema.fieldNames();
        for (int i = 0; i < names.length; i++) {
            object.set(names[i], value(struct.get(i)));
        }
        return object;
    }

    private static JsonNode map(scala.collection.Map<?, ?> map) {
        ObjectNode object = JSON.objectNode();
        scala.collection.Iterator<?> entries = map.iterator();
        while (entries.hasNext()) {
            scala.Tuple2<?, ?> entry = (scala.Tuple2<?, ?>) entries.next();
            object.set(String.valueOf(entry._1()), value(entry._2()));
        }
        return object;
    }

    private static JsonNode array(scala.collection.Iterable<?> items) {
        ArrayNode array = JSON.arrayNode();
        scala.collection.Iterator<?> iterator = items.iterator();
        while (iterator.hasNext()) {
            array.add(value(iterator.next()));
        }
        return array;
    }
}
