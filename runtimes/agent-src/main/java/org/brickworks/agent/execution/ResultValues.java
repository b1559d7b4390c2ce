package org.brickworks.agent.execution;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Converts the values of collected rows to JSON values: numbers, booleans and strings as themselves, binary as base64,
 * structs as objects, arrays as lists, maps as objects, anything else (dates, timestamps, intervals) as its string
 * form. Works on Scala's collection interfaces directly so one source serves both Scala 2.12 and 2.13.
 */
final class ResultValues {

    private ResultValues() {
    }

    /** A row as a list of its values, in column order. */
    static List<Object> row(Row row) {
        List<Object> values = new ArrayList<>(row.length());
        for (int i = 0; i < row.length(); i++) {
            values.add(value(row.get(i)));
        }
        return values;
    }

    static Object value(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof BigDecimal) {
            return value;
        } else if (value instanceof Byte || value instanceof Short || value instanceof Integer) {
            return ((Number) value).intValue();
        } else if (value instanceof Float || value instanceof Double) {
            return ((Number) value).doubleValue();
        } else if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        } else if (value instanceof Row struct) {
            return struct(struct);
        } else if (value instanceof scala.collection.Map<?, ?> map) {
            return map(map);
        } else if (value instanceof scala.collection.Iterable<?> items) {
            return list(items);
        }
        return value.toString();
    }

    private static Object struct(Row struct) {
        StructType schema = struct.schema();
        if (schema == null) {
            return row(struct);
        }
        Map<String, Object> object = new LinkedHashMap<>();
        String[] names = schema.fieldNames();
        for (int i = 0; i < names.length; i++) {
            object.put(names[i], value(struct.get(i)));
        }
        return object;
    }

    private static Map<String, Object> map(scala.collection.Map<?, ?> map) {
        Map<String, Object> object = new LinkedHashMap<>();
        scala.collection.Iterator<?> entries = map.iterator();
        while (entries.hasNext()) {
            scala.Tuple2<?, ?> entry = (scala.Tuple2<?, ?>) entries.next();
            object.put(String.valueOf(entry._1()), value(entry._2()));
        }
        return object;
    }

    private static List<Object> list(scala.collection.Iterable<?> items) {
        List<Object> list = new ArrayList<>();
        scala.collection.Iterator<?> iterator = items.iterator();
        while (iterator.hasNext()) {
            list.add(value(iterator.next()));
        }
        return list;
    }
}
