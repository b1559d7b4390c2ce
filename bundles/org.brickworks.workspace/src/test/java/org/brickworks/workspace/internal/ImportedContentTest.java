package org.brickworks.workspace.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.brickworks.workspace.api.dto.ExportFormat;
import org.brickworks.workspace.api.dto.ImportRequest;
import org.brickworks.workspace.api.dto.NotebookLanguage;
import org.junit.jupiter.api.Test;

class ImportedContentTest {

    @Test
    void sourceNeedsALanguageFromTheRequestOrTheExtension() {
        byte[] content = SourceFormatTest.SQL.getBytes(StandardCharsets.UTF_8);

        assertThat(ImportedContent.of(new ImportRequest("/a/q.sql", ExportFormat.SOURCE, null, false, content))
                .notebook().language()).isEqualTo(NotebookLanguage.SQL);
        assertThat(ImportedContent.of(new ImportRequest("/a/q", ExportFormat.SOURCE, NotebookLanguage.SQL, false,
                content)).path()).isEqualTo("/a/q");
        assertThatThrownBy(() -> ImportedContent.of(new ImportRequest("/a/q", ExportFormat.SOURCE, null, false,
                content))).hasMessageContaining("language field is required");
    }

    @Test
    void autoImportsANotebookWithoutItsExtensionAndOtherContentAsAFile() {
        ImportedContent notebook = ImportedContent.of(new ImportRequest("/a/etl.scala", ExportFormat.AUTO, null,
                false, SourceFormatTest.SCALA.getBytes(StandardCharsets.UTF_8)));
        assertThat(notebook.path()).isEqualTo("/a/etl");
        assertThat(notebook.notebook().language()).isEqualTo(NotebookLanguage.SCALA);

        ImportedContent r = ImportedContent.of(new ImportRequest("/a/x.r", ExportFormat.AUTO, null, false,
                SourceFormatTest.R.getBytes(StandardCharsets.UTF_8)));
        assertThat(r.notebook().language()).isEqualTo(NotebookLanguage.R);

        ImportedContent file = ImportedContent.of(new ImportRequest("/a/data.py", ExportFormat.AUTO, null, false,
                "print(1)\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(file.notebook()).isNull();
        assertThat(file.path()).isEqualTo("/a/data.py");

        ImportedContent binary = ImportedContent.of(new ImportRequest("/a/b.bin", ExportFormat.AUTO, null, false,
                new byte[] { (byte) 0xff, 0, 1 }));
        assertThat(binary.file()).containsExactly(0xff, 0, 1);

        ImportedContent ipynb = ImportedContent.of(new ImportRequest("/a/n.ipynb", ExportFormat.AUTO, null, false,
                "{\"nbformat\":4,\"nbformat_minor\":0,\"metadata\":{},\"cells\":[]}".getBytes(StandardCharsets.UTF_8)));
        assertThat(ipynb.path()).isEqualTo("/a/n");
        assertThat(ipynb.notebook().language()).isEqualTo(NotebookLanguage.PYTHON);
    }

    @Test
    void refusesInvalidUtf8SourceAMissingContentAndTheRoot() {
        assertThatThrownBy(() -> ImportedContent.of(new ImportRequest("/a/q", ExportFormat.SOURCE,
                NotebookLanguage.PYTHON, false, new byte[] { (byte) 0xc3, 0x28 }))).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> ImportedContent.of(new ImportRequest("/a/q", ExportFormat.SOURCE,
                NotebookLanguage.PYTHON, false, null))).hasMessageContaining("content");
        assertThatThrownBy(() -> ImportedContent.of(new ImportRequest("/", ExportFormat.AUTO, null, true,
                new byte[0]))).hasMessageContaining("root");
    }
}
