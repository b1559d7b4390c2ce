package org.brickworks.workspace.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.brickworks.workspace.api.dto.Cell;
import org.brickworks.workspace.api.dto.NotebookLanguage;
import org.junit.jupiter.api.Test;

class CellTest {

    @Test
    void aCellWithoutMagicRunsInTheNotebooksLanguage() {
        Cell cell = Cell.of("x = 1");

        assertThat(cell.magic()).isEmpty();
        assertThat(cell.language(NotebookLanguage.SCALA)).isEqualTo("scala");
        assertThat(cell.command()).isEqualTo("x = 1");
    }

    @Test
    void aMagicCommandNamesTheLanguageAndIsNotPartOfTheCommand() {
        assertThat(Cell.of("%SQL\nSELECT 1").language(NotebookLanguage.PYTHON)).isEqualTo("sql");
        assertThat(Cell.of("%sql\nSELECT 1").command()).isEqualTo("SELECT 1");
        assertThat(Cell.of("%md # Title").command()).isEqualTo("# Title");
        assertThat(Cell.of("%md").command()).isEmpty();
        assertThat(Cell.of("%md-sandbox\n<b>").language(NotebookLanguage.PYTHON)).isEqualTo("md");
        assertThat(Cell.of("%run ./x").command()).isEqualTo("./x");
        assertThat(Cell.of("%conda list").language(NotebookLanguage.PYTHON)).isEqualTo("conda");
        assertThat(Cell.of("100 % 3").magic()).isEmpty();
    }
}
