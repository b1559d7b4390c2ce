package org.brickworks.jobs.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.execution.api.dto.CommandResult;
import org.brickworks.execution.api.dto.ErrorResult;
import org.brickworks.execution.api.dto.TableResult;
import org.brickworks.execution.api.dto.TextResult;
import org.brickworks.jobs.api.TaskRun;
import org.brickworks.jobs.api.TaskType;
import org.brickworks.jobs.api.dto.TaskResult;
import org.osgi.service.component.annotations.Component;

/**
 * {@code sql_task}: runs the statements of {@code query} (text), or of {@code file.path} (a workspace or {@code dbfs:/}
 * file), with {@code ;} between statements, one after another on
 * the task's cluster, in an execution context of its own, with {@code ${name}} replaced by the task's
 * {@code parameters} and the run's {@code sql_params}. The last statement's table is the output's
 * {@code sql_output} ({@code schema}, {@code data}, {@code truncated}, at most 1,000 rows).
 */
@Component(service = TaskType.class, property = TaskType.NAME + "=sql_task")
public class SqlTask extends ClusterTaskType {
    @Override
    public TaskResult run(TaskRun task) throws InterruptedException {
        String query;
        if (task.payload().get("query") instanceof String text) {
            query = text;
        } else if (task.payload().get("file") instanceof Map<?, ?> file && file.get("path") instanceof String path) {
            try {
                query = read(path);
            } catch (BrickworksException e) {
                return TaskResult.failure("sql_task.file " + path + ": " + e.getMessage(), "", Map.of(), "");
            }
        } else {
            return TaskResult.failure("sql_task needs query (the SQL text) or file.path (a workspace or dbfs:/ file"
                    + " of SQL); a saved query_id is not supported", "", Map.of(), "");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        putAll(parameters, task.payload().get("parameters"));
        putAll(parameters, task.runParameters().get("sql_params"));
        List<String> statements = statements(substitute(query, parameters));
        if (statements.isEmpty()) {
            return TaskResult.failure("sql_task.query has no statement", "", Map.of(), "");
        }
        CommandResult result;
        try {
            result = runOnDriver(task, "sql", statements);
        } catch (BrickworksException e) {
            return TaskResult.failure(e.getMessage(), "", Map.of(), "");
        }
        if (result instanceof ErrorResult error) {
            return TaskResult.failure(error.summary(), error.cause(), Map.of(), "");
        }
        return TaskResult.success(Map.of("sql_output", output(result)), "");
    }

    private static Map<String, Object> output(CommandResult result) {
        if (result instanceof TableResult table) {
            List<Map<String, String>> schema = new ArrayList<>();
            table.schema().forEach(c -> schema.add(Map.of("name", c.name(), "type", c.type())));
            return Map.of("schema", schema, "data", table.data(), "truncated", table.truncated());
        }
        return Map.of("text", result instanceof TextResult text ? text.data() : "");
    }

    /** {@code ${name}} replaced by the parameter's value; unknown names stay. */
    static String substitute(String query, Map<String, String> parameters) {
        String text = query;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            text = text.replace("${" + parameter.getKey() + "}", parameter.getValue());
        }
        return text;
    }

    /** The statements of a SQL text: split at {@code ;} outside quotes, empty ones dropped. */
    static List<String> statements(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '\'' || ch == '"' || ch == '`') {
                quote = ch;
            } else if (ch == ';') {
                add(statements, current);
                current.setLength(0);
                continue;
            }
            current.append(ch);
        }
        add(statements, current);
        return statements;
    }

    private static void add(List<String> statements, StringBuilder statement) {
        if (!statement.toString().isBlank()) {
            statements.add(statement.toString().trim());
        }
    }

    private static void putAll(Map<String, String> parameters, Object values) {
        if (values instanceof Map<?, ?> map) {
            map.forEach((name, value) -> parameters.put(String.valueOf(name), String.valueOf(value)));
        }
    }
}
