package org.brickworks.agent;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Command results in the shape of Databricks' Command Execution API 1.2: a {@code table} result with a JSON schema
 * (each column's Spark type as its JSON form) and at most {@code maxRows} rows, a {@code text} result with the
 * command's output in {@code data}, or an {@code error} result with a one-line summary and the full cause. A statement
 * that returns nothing (DDL) is a table with no columns and no rows. {@code dbutils.notebook.exit(value)} ends a
 * command with a {@code text} result whose {@code data} is the value, marked {@code "notebookExit": true}.
 */
final class Results {

    private static final int MAX_CAUSE_CHARS = 32_768;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Results() {
    }

    static ObjectNode text(String data) {
        return JSON.objectNode().put("resultType", "text").put("data", data);
    }

    /** The result of {@code dbutils.notebook.exit(value)}. */
    static ObjectNode exit(String value) {
        return text(value).put("notebookExit", true);
    }

    static ObjectNode error(String summary, String cause) {
        return JSON.objectNode().put("resultType", "error").put("summary", summary).put("cause", cause);
    }

    static ObjectNode table(Dataset<Row> result, int maxRows) {
        ObjectNode table = JSON.objectNode().put("resultType", "table");
        ArrayNode schema = table.putArray("schema");
        for (StructField field : result.schema().fields()) {
            schema.addObject().put("name", field.name()).put("type", field.dataType().json()).put("metadata",
                    field.metadata().json());
        }
        // One row more than asked tells whether there were more.
        List<Row> rows = result.takeAsList(maxRows + 1);
        ArrayNode data = table.putArray("data");
        for (Row row : rows.subList(0, Math.min(rows.size(), maxRows))) {
            data.add(ResultValues.row(row));
        }
        return table.put("truncated", rows.size() > maxRows).put("isJsonSchema", true);
    }

    static ObjectNode error(Throwable failure) {
        return error(summary(failure), cause(failure));
    }

    private static String summary(Throwable failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage().strip();
        int newline = message.indexOf('\n');
        String firstLine = newline < 0 ? message : message.substring(0, newline).strip();
        return failure.getClass().getSimpleName() + (firstLine.isEmpty() ? "" : ": " + firstLine);
    }

    private static String cause(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        String text = trace.toString();
        return text.length() <= MAX_CAUSE_CHARS ? text : text.substring(0, MAX_CAUSE_CHARS) + "\n...";
    }
}
