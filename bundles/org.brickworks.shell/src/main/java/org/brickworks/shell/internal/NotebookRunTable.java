package org.brickworks.shell.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.notebooks.api.dto.CellOutput;
import org.brickworks.notebooks.api.dto.CellRun;
import org.brickworks.notebooks.api.dto.CellStatus;
import org.brickworks.notebooks.api.dto.NotebookRun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A notebook run as shell text: one line per cell with its number, status, time and the start of its output. Cells
 * have one numbering, from 1 in their notebook, in the table, the failure line and {@code --cell}.
 */
final class NotebookRunTable {
    private static final int SHORT = 70;
    private static final ObjectMapper JSON = new ObjectMapper();

    private NotebookRunTable() {
    }

    static String format(NotebookRun run) {
        Table table = new Table("CELL", "LANGUAGE", "STATUS", "TIME", "OUTPUT");
        for (CellRun cell : run.cells()) {
            table.row(cell(run, cell) + (cell.title() == null ? "" : " " + cell.title()), cell.language(),
                    cell.status(), cell.status() == CellStatus.SKIPPED ? "-" : cell.durationMillis() + " ms",
                    summary(cell.output()));
        }
        return table + "\nRun " + run.runId() + " of " + run.path() + " (revision " + run.revisionId() + ") on "
                + run.clusterId() + ": " + (run.succeeded() ? "FINISHED" : "FAILED") + " in "
                + (run.endTime() - run.startTime()) + " ms";
    }

    /** The failed cell and the first line of its error. */
    static String failure(NotebookRun run) {
        return run.cells().stream().filter(cell -> cell.status() == CellStatus.ERROR
                || cell.status() == CellStatus.CANCELLED).reduce((first, second) -> second)
                .map(cell -> "Cell " + cell(run, cell) + " (" + cell.language() + ") failed: "
                        + firstLine(cell.output().data()))
                .orElse("The run failed");
    }

    /**
     * A cell's number in its notebook, from 1 as {@code --cell} takes it; a cell a {@code %run} brought in is
     * numbered in its own notebook, whose path comes first.
     */
    private static String cell(NotebookRun run, CellRun cell) {
        return (cell.notebookPath().equals(run.path()) ? "" : cell.notebookPath() + " ") + (cell.cellIndex() + 1);
    }

    /** {@code name=value} arguments as a map. */
    static Map<String, String> parameters(String... arguments) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String argument : arguments) {
            int equals = argument.indexOf('=');
            if (equals <= 0) {
                throw BrickworksException.invalidParameter("Parameters are name=value, got " + argument);
            }
            parameters.put(argument.substring(0, equals), argument.substring(equals + 1));
        }
        return parameters;
    }

    /** {@code N} or {@code N-M} (cell numbers from 1) as {first, last}. */
    static int[] cellRange(String cells) {
        String[] ends = cells.split("-", -1);
        try {
            int first = Integer.parseInt(ends[0].strip());
            int last = ends.length == 2 ? Integer.parseInt(ends[1].strip()) : first;
            if (ends.length <= 2 && first >= 1 && last >= first) {
                return new int[] { first, last };
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw BrickworksException.invalidParameter("--cell takes a cell number N or a range N-M (from 1), got "
                + cells);
    }

    static String summary(CellOutput output) {
        String text = switch (output.type()) {
        case "table" -> table(output.data());
        case "html" -> output.data().replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip();
        case "none" -> "";
        default -> firstLine(output.data());
        };
        return (text.length() > SHORT ? text.substring(0, SHORT - 3) + "..." : text)
                + (output.truncated() ? " (truncated)" : "");
    }

    private static String table(String json) {
        try {
            JsonNode table = JSON.readTree(json);
            JsonNode rows = table.path("data");
            if (table.path("schema").isEmpty()) {
                return "OK";
            }
            return rows.size() + (rows.size() == 1 ? " row" : " rows") + (rows.isEmpty() ? "" : ": " + rows.get(0));
        } catch (Exception e) {
            return firstLine(json);
        }
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("");
    }
}
