package org.brickworks.notebooks.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.brickworks.execution.api.dto.CommandResult;
import org.brickworks.execution.api.dto.CommandState;
import org.brickworks.execution.api.dto.CommandStatus;
import org.brickworks.execution.api.dto.ErrorResult;
import org.brickworks.execution.api.dto.HtmlResult;
import org.brickworks.execution.api.dto.ImageResult;
import org.brickworks.execution.api.dto.TableResult;
import org.brickworks.execution.api.dto.TextResult;
import org.brickworks.notebooks.api.NotebookRunner;
import org.brickworks.notebooks.api.dto.CellOutput;
import org.brickworks.notebooks.api.dto.CellStatus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Command results as bounded cell outputs: tables keep as many whole rows as fit (JSON in the Command Execution API
 * 1.2's shape), text and errors are cut at {@link NotebookRunner#MAX_OUTPUT_CHARS}. Stateless and thread-safe.
 */
final class CommandOutputs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CommandOutputs() {
    }

    /** How an ended command's cell ended: a finished command with an error result is an error. */
    static CellStatus status(CommandStatus status) {
        if (status.state() == CommandState.CANCELLED) {
            return CellStatus.CANCELLED;
        }
        boolean error = status.state() == CommandState.ERROR || status.result() instanceof ErrorResult;
        return error ? CellStatus.ERROR : CellStatus.FINISHED;
    }

    static CellOutput output(CommandStatus status) {
        if (status.result() == null) {
            return status.state() == CommandState.CANCELLED ? text("error", "The command was cancelled")
                    : CellOutput.NONE;
        }
        return output(status.result());
    }

    static CellOutput output(CommandResult result) {
        if (result instanceof TableResult table) {
            return table(table.schema().stream().map(CommandOutputs::column).toList(), table.data(),
                    table.truncated());
        }
        if (result instanceof ErrorResult error) {
            String cause = error.cause();
            return text("error", cause == null || cause.isBlank() ? error.summary() : error.summary() + "\n" + cause);
        }
        if (result instanceof HtmlResult html) {
            return text("html", html.html());
        }
        if (result instanceof ImageResult image) {
            return text("html", "<img src=\"data:" + image.mimeType() + ";base64," + image.data() + "\"/>");
        }
        return text("text", ((TextResult) result).data());
    }

    /** {@code data} cut to the output bound. */
    static CellOutput text(String type, String data) {
        int max = NotebookRunner.MAX_OUTPUT_CHARS;
        return data.length() <= max ? new CellOutput(type, data, false)
                : new CellOutput(type, data.substring(0, max), true);
    }

    static CellOutput table(List<?> schema, List<?> rows, boolean truncated) {
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("schema", schema);
        List<Object> kept = new ArrayList<>(rows);
        table.put("data", kept);
        String json = json(table);
        boolean cut = false;
        // Halve the rows until the table fits, then add back as many as fit: whole rows, valid JSON.
        while (json.length() > NotebookRunner.MAX_OUTPUT_CHARS && !kept.isEmpty()) {
            kept.subList(kept.size() / 2, kept.size()).clear();
            json = json(table);
            cut = true;
        }
        if (json.length() > NotebookRunner.MAX_OUTPUT_CHARS) {
            return text("error", "The result's schema alone exceeds " + NotebookRunner.MAX_OUTPUT_CHARS
                    + " characters");
        }
        return new CellOutput("table", json, truncated || cut);
    }

    /** A column as the API 1.2 shows it: {@code name}, {@code type} and {@code metadata} (JSON texts). */
    private static Map<String, String> column(TableResult.Column column) {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("name", column.name());
        shown.put("type", column.type());
        shown.put("metadata", column.metadata());
        return shown;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a command result as JSON", e);
        }
    }
}
