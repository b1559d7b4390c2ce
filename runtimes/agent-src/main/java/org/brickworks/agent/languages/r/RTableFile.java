package org.brickworks.agent.languages.r;

import static org.brickworks.agent.execution.Results.column;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.brickworks.agent.protocol.TableResult;

/**
 * The table an R command showed (a data.frame as its last value or given to {@code display}), as {@code r_kernel.R}
 * writes it: a line {@code TRUE|FALSE} (truncated), the column names, the column types (Spark's names), then the
 * rows; fields tab-separated with {@code \\}, {@code \t}, {@code \n}, {@code \r} escaped and {@code \N} for NA. Read
 * into a {@link TableResult}. Stateless.
 */
final class RTableFile {

    private RTableFile() {
    }

    static TableResult read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String[] names = fields(lines.get(1));
        String[] types = fields(lines.get(2));
        List<TableResult.Column> schema = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            schema.add(column(unescape(names[i]), types[i]));
        }
        List<List<Object>> data = new ArrayList<>();
        for (String line : lines.subList(3, lines.size())) {
            String[] values = fields(line);
            List<Object> row = new ArrayList<>();
            for (int i = 0; i < types.length; i++) {
                row.add(value(types[i], values[i]));
            }
            data.add(row);
        }
        return new TableResult(schema, data, Boolean.parseBoolean(lines.get(0).toLowerCase()));
    }

    private static String[] fields(String line) {
        return line.isEmpty() ? new String[0] : line.split("\t", -1);
    }

    private static Object value(String type, String field) {
        if (field.equals("\\N")) {
            return null;
        }
        try {
            return switch (type) {
            case "integer" -> Integer.parseInt(field);
            case "double" -> number(Double.parseDouble(field), field);
            case "boolean" -> Boolean.parseBoolean(field.toLowerCase());
            default -> unescape(field);
            };
        } catch (NumberFormatException e) {
            return field; // Inf, -Inf, NaN: JSON has no number for them
        }
    }

    private static Object number(double value, String field) {
        return Double.isFinite(value) ? (Object) value : field;
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
