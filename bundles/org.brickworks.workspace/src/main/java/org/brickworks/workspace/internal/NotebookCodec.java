package org.brickworks.workspace.internal;

import java.util.ArrayList;
import java.util.List;

import org.brickworks.workspace.api.dto.Cell;
import org.brickworks.workspace.api.dto.Notebook;
import org.brickworks.workspace.api.dto.NotebookLanguage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A notebook revision's content as stored: compact JSON of its language, cells and trailing newline. */
final class NotebookCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NotebookCodec() {
    }

    static String write(Notebook notebook) {
        ObjectNode root = JSON.createObjectNode().put("language", notebook.language().name())
                .put("trailingNewline", notebook.trailingNewline());
        ArrayNode cells = root.putArray("cells");
        for (Cell cell : notebook.cells()) {
            ObjectNode node = cells.addObject().put("source", cell.source());
            if (cell.title() != null) {
                node.put("title", cell.title());
            }
            if (cell.sourceForm() != null) {
                node.put("sourceForm", cell.sourceForm());
            }
        }
        return root.toString();
    }

    static Notebook read(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            List<Cell> cells = new ArrayList<>();
            for (JsonNode cell : root.path("cells")) {
                cells.add(
                        new Cell(cell.path("source").asText(), text(cell.get("title")), text(cell.get("sourceForm"))));
            }
            return new Notebook(NotebookLanguage.valueOf(root.path("language").asText()), cells,
                    root.path("trailingNewline").asBoolean());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read a notebook revision from the store", e);
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
