package org.brickworks.agent.execution;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.brickworks.agent.protocol.ErrorResult;
import org.brickworks.agent.protocol.TableResult;

/**
 * The results the agent makes of Spark's answers and of failures: a {@link TableResult} of a Dataset's first rows
 * (each column's Spark type as its JSON form), and an {@link ErrorResult} of an exception (its one-line summary, its
 * stack trace as cause). Stateless.
 */
public final class Results {

    private static final int MAX_CAUSE_CHARS = 32_768;

    private Results() {
    }

    /** At most {@code maxRows} rows of {@code result}; a statement that returns nothing (DDL) is an empty table. */
    public static TableResult table(Dataset<Row> result, int maxRows) {
        List<TableResult.Column> schema = new ArrayList<>();
        for (StructField field : result.schema().fields()) {
            schema.add(new TableResult.Column(field.name(), field.dataType().json(), field.metadata().json()));
        }
        // One row more than asked tells whether there were more.
        List<Row> rows = result.takeAsList(maxRows + 1);
        List<List<Object>> data = new ArrayList<>();
        for (Row row : rows.subList(0, Math.min(rows.size(), maxRows))) {
            data.add(ResultValues.row(row));
        }
        return new TableResult(schema, data, rows.size() > maxRows);
    }

    /** A column of a simple Spark type ({@code string}, {@code long}: its JSON form is the quoted name). */
    public static TableResult.Column column(String name, String sparkType) {
        return new TableResult.Column(name, "\"" + sparkType + "\"", "{}");
    }

    /** The exception's type and first line of its message as summary, its stack trace as cause. */
    public static ErrorResult error(Throwable failure) {
        return new ErrorResult(summary(failure), cause(failure));
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
