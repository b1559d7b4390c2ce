package org.brickworks.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The table an R command showed (a data.frame as its last value or given to {@code display}), as {@code r_kernel.R}
 * writes it: a line {@code TRUE|FALSE} (truncated), the column names, the column types (Spark's names), then the
 * rows; fields tab-separated with {@code \\}, {@code \t}, {@code \n}, {@code \r} escaped and {@code \N} for NA. Read
 * into the Command Execution API 1.2's {@code table} result. Stateless.
 */
final class RTableFile {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private RTableFile() {
    }

    static ObjectNode read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String[] names = fields(lines.get(1));
        String[] types = fields(lines.get(2));
        ObjectNode table = JSON.objectNode().put("resultType", "table");
        ArrayNode schema = table.putArray("schema");
        for (int i = 0; i < names.length; i++) {
            schema.addObject().put("name", unescape(names[i])).put("type", "\"" + types[i] + "\"").put("metadata",
                    "{}");
        }
        ArrayNode data = table.putArray("data");
        for (String line : lines.subList(3, lines.size())) {
            String[] values = fields(line);
            ArrayNode row = data.addArray();
            for (int i = 0; i < types.length; i++) {
                row.add(value(types[i], values[i]));
            }
        }
        return table.put("truncated", Boolean.parseBoolean(lines.get(0).toLowerCase())).put("isJsonSchema", true);
    }

    private static String[] fields(String line) {
        return line.isEmpty() ? new String[0] : line.split("\t", -1);
    }

    private static JsonNode value(String type, String field) {
        if (field.equals("\\N")) {
            return JSON.nullNode();
        }
        try {
            return switch (type) {
            case "integer" -> JSON.numberNode(Integer.parseInt(field));
            case "double" -> number(Double.parseDouble(field), field);
            case "boolean" -> JSON.booleanNode(Boolean.parseBoolean(field.toLowerCase()));
            default -> JSON.textNode(unescape(field));
            };
        } catch (NumberFormatException e) {
            return JSON.textNode(field); // Inf, -Inf, NaN: JSON has no number for them
        }
    }

    private static JsonNode number(double value, String field) {
        return Double.isFinite(value) ? JSON.numberNode(value) : JSON.textNode(field);
    }

    private static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder text = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                char next = field.charAt(++i);
                text.append(switch (next) {
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                default -> next;
                });
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
