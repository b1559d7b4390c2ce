package org.brickworks.workspace.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.workspace.api.dto.Cell;
import org.brickworks.workspace.api.dto.Notebook;
import org.brickworks.workspace.api.dto.NotebookLanguage;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Jupyter notebooks (nbformat 4) as Databricks exports and imports them: the notebook's language and name under the
 * metadata key {@code application/vnd.databricks.v1+notebook}, each cell's title under
 * {@code application/vnd.databricks.v1+cell}; {@code %md} cells are markdown cells, cells in other languages are code
 * cells that keep their magic command. Stateless and thread-safe.
 */
final class JupyterFormat {
    static final String NOTEBOOK_KEY = "application/vnd.databricks.v1+notebook";
    static final String CELL_KEY = "application/vnd.databricks.v1+cell";

    private static final ObjectMapper JSON = new ObjectMapper();

    private JupyterFormat() {
    }

    /** The notebook as {@code .ipynb} bytes (UTF-8, one-space indented, as Jupyter writes). */
    static byte[] write(Notebook notebook, String name) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode cells = root.putArray("cells");
        for (int i = 0; i < notebook.cells().size(); i++) {
            cells.add(cell(notebook.cells().get(i), name, i));
        }
        ObjectNode metadata = root.putObject("metadata");
        ObjectNode databricks = metadata.putObject(NOTEBOOK_KEY);
        databricks.putArray("dashboards");
        databricks.putNull("environmentMetadata");
        databricks.put("language", notebook.language().cellLanguage());
        databricks.putObject("notebookMetadata").put("pythonIndentUnit", 4);
        databricks.put("notebookName", name);
        databricks.putObject("widgets");
        metadata.putObject("language_info").put("name", notebook.language().cellLanguage());
        root.put("nbformat", 4);
        root.put("nbformat_minor", 0);
        try {
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter(" ", "\n"))
                    .withArrayIndenter(new DefaultIndenter(" ", "\n"));
            return JSON.writer(printer).writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write a notebook as JSON", e);
        }
    }

    /**
     * The notebook in {@code bytes}; its language from the Databricks metadata, else the kernel's or
     * {@code language_info}'s, else {@code fallback}.
     *
     * @throws BrickworksException
     *             {@code INVALID_PARAMETER_VALUE} when the bytes are not an nbformat 4 notebook
     */
    static Notebook read(byte[] bytes, NotebookLanguage fallback) {
        JsonNode root;
        try {
            root = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw BrickworksException.invalidParameter("The content is not a Jupyter notebook: "
                    + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || root.path("nbformat").asInt() != 4 || !root.path("cells").isArray()) {
            throw BrickworksException.invalidParameter(
                    "The content is not a Jupyter notebook: nbformat 4 with a cells list is expected");
        }
        NotebookLanguage language = language(root.path("metadata"), fallback);
        List<Cell> cells = new ArrayList<>();
        for (JsonNode cell : root.path("cells")) {
            cells.add(readCell(cell));
        }
        if (cells.isEmpty()) {
            cells.add(Cell.of(""));
        }
        return new Notebook(language, cells, true);
    }

    private static NotebookLanguage language(JsonNode metadata, NotebookLanguage fallback) {
        for (JsonNode name : List.of(metadata.path(NOTEBOOK_KEY).path("language"),
                metadata.path("kernelspec").path("language"), metadata.path("language_info").path("name"))) {
            if (name.isTextual() && NotebookLanguage.ofName(name.asText()).isPresent()) {
                return NotebookLanguage.ofName(name.asText()).get();
            }
        }
        return fallback;
    }

    private static Cell readCell(JsonNode cell) {
        JsonNode sourceNode = cell.path("source");
        StringBuilder text = new StringBuilder();
        if (sourceNode.isArray()) {
            sourceNode.forEach(line -> text.append(line.asText()));
        } else {
            text.append(sourceNode.asText());
        }
        String source = text.toString();
        if (!"code".equals(cell.path("cell_type").asText())) {
            source = source.isEmpty() ? "%md" : "%md\n" + source;
        }
        JsonNode title = cell.path("metadata").path(CELL_KEY).path("title");
        return new Cell(source, title.isTextual() && !title.asText().isEmpty() ? title.asText() : null, null);
    }

    private static ObjectNode cell(Cell cell, String name, int index) {
        boolean markdown = "md".equals(cell.magic().orElse(""));
        ObjectNode node = JSON.createObjectNode();
        node.put("cell_type", markdown ? "markdown" : "code");
        if (!markdown) {
            node.put("execution_count", 0);
        }
        ObjectNode databricks = node.putObject("metadata").putObject(CELL_KEY);
        databricks.putObject("cellMetadata");
        databricks.putObject("inputWidgets");
        databricks.put("nuid", UUID.nameUUIDFromBytes((name + "/" + index).getBytes(StandardCharsets.UTF_8))
                .toString());
        databricks.put("showTitle", cell.title() != null);
        databricks.put("title", cell.title() == null ? "" : cell.title());
        if (!markdown) {
            node.putArray("outputs");
        }
        ArrayNode source = node.putArray("source");
        lines(markdown ? cell.command() : cell.source()).forEach(source::add);
        return node;
    }

    /** Jupyter's source lines: each but the last keeps its line break. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int from = 0;
        for (int at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', from)) {
            lines.add(text.substring(from, at + 1));
            from = at + 1;
        }
        if (from < text.length()) {
            lines.add(text.substring(from));
        }
        return lines;
    }
}
