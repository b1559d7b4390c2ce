package org.brickworks.execution.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.brickworks.execution.api.dto.CommandResult;
import org.brickworks.execution.api.dto.CommandStatus;
import org.brickworks.execution.api.dto.ErrorResult;
import org.brickworks.execution.api.dto.HtmlResult;
import org.brickworks.execution.api.dto.TableResult;
import org.brickworks.execution.api.dto.TextResult;
import org.brickworks.secrets.api.Redaction;

/**
 * A command's result with every secret value of a {@link Redaction} shown as {@value Redaction#REDACTED}: text, an
 * exit value, HTML, a table's text cells (in lists and maps too), an error's summary and cause. Images are left as
 * they are. Stateless.
 */
final class ResultRedaction {
    private ResultRedaction() {
    }

    static CommandStatus redact(CommandStatus status, Redaction redaction) {
        if (status.result() == null || redaction.values().isEmpty()) {
            return status;
        }
        return new CommandStatus(status.id(), status.state(), redact(status.result(), redaction));
    }

    static CommandResult redact(CommandResult result, Redaction redaction) {
        if (result instanceof TextResult text) {
            return new TextResult(redaction.redact(text.data()), text.notebookExit());
        }
        if (result instanceof ErrorResult error) {
            return new ErrorResult(redaction.redact(error.summary()), redaction.redact(error.cause()));
        }
        if (result instanceof HtmlResult html) {
            return new HtmlResult(redaction.redact(html.html()));
        }
        if (result instanceof TableResult table) {
            List<List<Object>> rows = new ArrayList<>(table.data().size());
            for (List<Object> row : table.data()) {
                rows.add(cells(row, redaction));
            }
            return new TableResult(table.schema(), rows, table.truncated());
        }
        return result;
    }

    private static List<Object> cells(List<?> values, Redaction redaction) {
        List<Object> cells = new ArrayList<>(values.size());
        for (Object value : values) {
            cells.add(cell(value, redaction));
        }
        return cells;
    }

    private static Object cell(Object value, Redaction redaction) {
        if (value instanceof String text) {
            return redaction.redact(text);
        }
        if (value instanceof List<?> list) {
            return cells(list, redaction);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> entries = new LinkedHashMap<>();
            map.forEach((key, entry) -> entries.put(cell(key, redaction), cell(entry, redaction)));
            return entries;
        }
        return value;
    }
}
