package org.brickworks.notebooks.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.brickworks.clusters.api.dto.CommandResult;
import org.brickworks.notebooks.api.NotebookRunner;
import org.brickworks.notebooks.api.dto.CellOutput;
import org.brickworks.notebooks.api.dto.CellStatus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Command Execution API 1.2 results as bounded cell outputs: tables keep as many whole rows as fit, text and errors
 * are cut at {@link NotebookRunner#MAX_OUTPUT_CHARS}. Stateless and thread-safe.
 */
final class CommandOutputs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CommandOutputs() {
    }

    /** How a completed command's cell ended: a finished command with an error result is an error. */
    static CellStatus status(CommandResult result) {
        if ("Cancelled".equals(result.status())) {
            return CellStatus.CANCELLED;
        }
        boolean error = "Error".equals(result.status())
                || (result.results() != null && "error".equals(result.results().get("resultType")));
        return error ? CellStatus.ERROR : CellStatus.FINISHED;
    }

    @SuppressWarnings("unchecked")
    static CellOutput output(CommandResult result) {
        Map<String, Object> results = result.results();
        if (results == null) {
            return "Cancelled".equals(result.status()) ? text("error", "The command was cancelled") : CellOutput.NONE;
        }
        Object type = results.get("resultType");
        if ("table".equals(type)) {
            return table((List<Object>) results.getOrDefault("schema", List.of()),
                    (List<Object>) results.getOrDefault("data", List.of()),
                    Boolean.TRUE.equals(results.get("truncated")));
        }
        if ("error".equals(type)) {
            String summary = String.valueOf(results.getOrDefault("summary", ""));
            Object cause = results.get("cause");
            return text("error", cause == null || String.valueOf(cause).isBlank() ? summary : summary + "\n" + cause);
        }
        Object data = results.get("data");
        if (data instanceof String string) {
            return text("text", string);
        }
        return text("text", json(results));
    }

    /** {@code data} cut to the output bound. */
    static CellOutput text(String type, String data) {
        int max = NotebookRunner.MAX_OUTPUT_CHARS;
        return data.length() <= max ? new CellOutput(type, data, false)
                : new CellOutput(type, data.substring(0, max), true);
    }

    static CellOutput table(List<Object> schema, List<Object> rows, boolean truncated) {
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

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a command result as JSON", e);
        }
    }
}
