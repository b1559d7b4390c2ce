package org.brickworks.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void alignsColumnsToTheirWidestCellTwoSpacesApart() {
        Table table = new Table("USER", "NAME", "ADMIN").row("admin", "Administrator", "yes").row("al", "Al", "no");

        assertThat(table).hasToString("""
                USER   NAME           ADMIN
                admin  Administrator  yes
                al     Al             no""");
    }

    @Test
    void doesNotPadTheLastColumn() {
        Table table = new Table("ID", "COMMENT").row("1", "a long comment").row("2", "short");

        assertThat(table.toString().lines()).containsExactly("ID  COMMENT", "1   a long comment", "2   short");
    }

    @Test
    void headerAloneIsOneLine() {
        assertThat(new Table("SERVICE", "STATE")).hasToString("SERVICE  STATE");
    }

    @Test
    void rendersCellsWithTheirStringForm() {
        Table table = new Table("CREATED", "COUNT").row(Instant.EPOCH, 3L);

        assertThat(table.toString().lines()).containsExactly("CREATED               COUNT", "1970-01-01T00:00:00Z  3");
    }
}
