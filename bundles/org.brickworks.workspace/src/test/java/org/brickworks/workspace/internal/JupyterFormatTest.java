package org.brickworks.workspace.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.brickworks.workspace.api.dto.Cell;
import org.brickworks.workspace.api.dto.Notebook;
import org.brickworks.workspace.api.dto.NotebookLanguage;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class JupyterFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesAValidNbformat4NotebookWithDatabricksMetadata() throws Exception {
        Notebook notebook = SourceFormat.read(SourceFormatTest.PYTHON, NotebookLanguage.PYTHON);

        JsonNode root = JSON.readTree(JupyterFormat.write(notebook, "sales"));

        assertThat(root.path("nbformat").asInt()).isEqualTo(4);
        assertThat(root.path("nbformat_minor").isInt()).isTrue();
        JsonNode databricks = root.path("metadata").path(JupyterFormat.NOTEBOOK_KEY);
        assertThat(databricks.path("language").asText()).isEqualTo("python");
        assertThat(databricks.path("notebookName").asText()).isEqualTo("sales");
        assertThat(root.path("metadata").path("language_info").path("name").asText()).isEqualTo("python");
        JsonNode cells = root.path("cells");
        assertThat(cells).hasSize(10);
        JsonNode markdown = cells.path(0);
        assertThat(markdown.path("cell_type").asText()).isEqualTo("markdown");
        assertThat(markdown.has("outputs")).as("markdown cells have no outputs in nbformat 4").isFalse();
        assertThat(markdown.has("execution_count")).isFalse();
        assertThat(text(markdown.path("source"))).isEqualTo("# Sales report\n\nLoads the **daily** sales.");
        JsonNode sql = cells.path(3);
        assertThat(sql.path("cell_type").asText()).isEqualTo("code");
        assertThat(sql.path("outputs").isArray()).isTrue();
        assertThat(sql.path("execution_count").isInt()).isTrue();
        assertThat(sql.path("source").path(0).asText()).isEqualTo("%sql\n");
        JsonNode cellMetadata = sql.path("metadata").path(JupyterFormat.CELL_KEY);
        assertThat(cellMetadata.path("title").asText()).isEqualTo("Totals per day");
        assertThat(cellMetadata.path("showTitle").asBoolean()).isTrue();
        assertThat(cellMetadata.path("nuid").asText()).hasSize(36);
        assertThat(cells.path(9).path("metadata").path(JupyterFormat.CELL_KEY).path("showTitle").asBoolean())
                .isFalse();
    }

    @Test
    void readsBackWhatItWritesWithLanguageTitlesAndMagics() {
        Notebook notebook = SourceFormat.read(SourceFormatTest.SCALA, NotebookLanguage.SCALA);

        Notebook read = JupyterFormat.read(JupyterFormat.write(notebook, "x"), NotebookLanguage.PYTHON);

        assertThat(read.language()).isEqualTo(NotebookLanguage.SCALA);
        assertThat(read.cells()).extracting(Cell::source).containsExactlyElementsOf(
                notebook.cells().stream().map(Cell::source).toList());
        assertThat(read.cells().get(0).title()).isEqualTo("Setup");
        assertThat(SourceFormat.write(read)).isEqualTo(SourceFormatTest.SCALA + "\n");
    }

    @Test
    void readsAPlainJupyterNotebookWithStringSourcesAndKernelLanguage() {
        String ipynb = """
                {"nbformat": 4, "nbformat_minor": 5,
                 "metadata": {"kernelspec": {"name": "ir", "language": "R", "display_name": "R"}},
                 "cells": [
                   {"cell_type": "markdown", "id": "a", "metadata": {}, "source": "# Hello"},
                   {"cell_type": "code", "id": "b", "metadata": {}, "execution_count": null, "outputs": [],
                    "source": ["x <- 1\\n", "print(x)"]}
                 ]}""";

        Notebook notebook = JupyterFormat.read(ipynb.getBytes(StandardCharsets.UTF_8), NotebookLanguage.PYTHON);

        assertThat(notebook.language()).isEqualTo(NotebookLanguage.R);
        assertThat(notebook.cells()).containsExactly(Cell.of("%md\n# Hello"), Cell.of("x <- 1\nprint(x)"));
    }

    @Test
    void refusesContentThatIsNotAnNbformat4Notebook() {
        assertThatThrownBy(() -> JupyterFormat.read("not json".getBytes(StandardCharsets.UTF_8),
                NotebookLanguage.PYTHON)).hasMessageContaining("not a Jupyter notebook");
        assertThatThrownBy(() -> JupyterFormat.read("{\"nbformat\": 3, \"worksheets\": []}"
                .getBytes(StandardCharsets.UTF_8), NotebookLanguage.PYTHON)).hasMessageContaining("nbformat 4");
        assertThatThrownBy(() -> JupyterFormat.read("[1]".getBytes(StandardCharsets.UTF_8), NotebookLanguage.PYTHON))
                .hasMessageContaining("nbformat 4");
    }

    @Test
    void anEmptyNotebookGetsOneEmptyCell() {
        Notebook notebook = JupyterFormat.read("{\"nbformat\":4,\"nbformat_minor\":0,\"metadata\":{},\"cells\":[]}"
                .getBytes(StandardCharsets.UTF_8), NotebookLanguage.SQL);

        assertThat(notebook.language()).isEqualTo(NotebookLanguage.SQL);
        assertThat(notebook.cells()).containsExactly(Cell.of(""));
    }

    private static String text(JsonNode lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line.asText()));
        return text.toString();
    }

}
