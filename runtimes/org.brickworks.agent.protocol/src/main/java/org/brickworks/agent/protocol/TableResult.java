package org.brickworks.agent.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A table: a statement without output (DDL) is a table with no columns and no rows.
 *
 * @param schema
 *            the columns
 * @param data
 *            the rows, each a list of JSON values (null, booleans, numbers, strings, lists, maps)
 * @param truncated
 *            whether the result had more rows than were asked for
 */
public record TableResult(List<Column> schema, List<List<Object>> data, boolean truncated) implements Result {
    public TableResult {
        schema = List.copyOf(schema);
        // Rows may hold nulls, which List.copyOf refuses.
        List<List<Object>> rows = new ArrayList<>(data.size());
        data.forEach(row -> rows.add(Collections.unmodifiableList(new ArrayList<>(row))));
        data = Collections.unmodifiableList(rows);
    }

    /**
     * @param type
     *            the column's Spark type as its JSON form ({@code "\"integer\""}, {@code {"type":"array",...}})
     * @param metadata
     *            the column's Spark metadata as JSON ({@code {}} when none)
     */
    public record Column(String name, String type, String metadata) {
    }
}
