package org.brickworks.workspace.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.brickworks.workspace.api.dto.Cell;
import org.brickworks.workspace.api.dto.Notebook;
import org.brickworks.workspace.api.dto.NotebookLanguage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SourceFormatTest {
    /** A Python notebook as Databricks exports it: markdown, SQL, %run, %fs, %sh, %pip cells, titles, blank lines. */
    static final String PYTHON = """
            # Databricks notebook source
            # MAGIC %md
            # MAGIC # Sales report
            # MAGIC
            # MAGIC Loads the **daily** sales.

            # COMMAND ----------

            # MAGIC %run ./includes/setup

            # COMMAND ----------

            # DBTITLE 1,Load the table
            df = spark.table("sales")

            display(df)

            # COMMAND ----------

            # DBTITLE 1,Totals per day
            # MAGIC %sql
            # MAGIC SELECT day, sum(amount) AS total
            # MAGIC FROM sales
            # MAGIC GROUP BY day

            # COMMAND ----------

            # MAGIC %fs ls /databricks-datasets

            # COMMAND ----------

            # MAGIC %sh
            # MAGIC ps -ef

            # COMMAND ----------

            # MAGIC %pip install requests

            # COMMAND ----------

            # MAGIC %scala
            # MAGIC val x = 1
            # MAGIC println(x)

            # COMMAND ----------

            # MAGIC %r
            # MAGIC print(1)

            # COMMAND ----------

            print("done")
            """;

    @Test
    void readsThePythonExportIntoCellsWithLanguagesTitlesAndCommands() {
        Notebook notebook = SourceFormat.read(PYTHON, NotebookLanguage.PYTHON);

        List<Cell> cells = notebook.cells();
        assertThat(cells).hasSize(10);
        assertThat(cells.get(0).source()).isEqualTo("%md\n# Sales report\n\nLoads the **daily** sales.");
        assertThat(cells.get(0).language(NotebookLanguage.PYTHON)).isEqualTo("md");
        assertThat(cells.get(0).command()).isEqualTo("# Sales report\n\nLoads the **daily** sales.");
        assertThat(cells.get(1).language(NotebookLanguage.PYTHON)).isEqualTo("run");
        assertThat(cells.get(1).command()).isEqualTo("./includes/setup");
        assertThat(cells.get(2).title()).isEqualTo("Load the table");
        assertThat(cells.get(2).source()).isEqualTo("df = spark.table(\"sales\")\n\ndisplay(df)");
        assertThat(cells.get(2).language(NotebookLanguage.PYTHON)).isEqualTo("python");
        assertThat(cells.get(3).title()).isEqualTo("Totals per day");
        assertThat(cells.get(3).language(NotebookLanguage.PYTHON)).isEqualTo("sql");
        assertThat(cells.get(3).command()).isEqualTo("SELECT day, sum(amount) AS total\nFROM sales\nGROUP BY day");
        assertThat(cells.get(4).language(NotebookLanguage.PYTHON)).isEqualTo("fs");
        assertThat(cells.get(4).command()).isEqualTo("ls /databricks-datasets");
        assertThat(cells.get(5).language(NotebookLanguage.PYTHON)).isEqualTo("sh");
        assertThat(cells.get(6).language(NotebookLanguage.PYTHON)).isEqualTo("pip");
        assertThat(cells.get(7).language(NotebookLanguage.PYTHON)).isEqualTo("scala");
        assertThat(cells.get(8).language(NotebookLanguage.PYTHON)).isEqualTo("r");
        assertThat(cells.get(9).source()).isEqualTo("print(\"done\")");
        assertThat(notebook.trailingNewline()).isTrue();
        assertThat(cells).allSatisfy(cell -> assertThat(cell.sourceForm()).isNull());
    }

    @Test
    void writesThePythonExportBackByteForByte() {
        assertThat(SourceFormat.write(SourceFormat.read(PYTHON, NotebookLanguage.PYTHON))).isEqualTo(PYTHON);
    }

    @Test
    void writesCellsBuiltFromScratchAsDatabricksDoes() {
        Notebook notebook = new Notebook(NotebookLanguage.SCALA, List.of(Cell.of("val a = 1"),
                new Cell("%md\n# Title\n\ntext", "Intro", null), Cell.of("%python\nprint(1)")), false);

        assertThat(SourceFormat.write(notebook)).isEqualTo("""
                // Databricks notebook source
                val a = 1

                // COMMAND ----------

                // DBTITLE 1,Intro
                // MAGIC %md
                // MAGIC # Title
                // MAGIC
                // MAGIC text

                // COMMAND ----------

                // MAGIC %python
                // MAGIC print(1)""");
    }

    static final String SCALA = """
            // Databricks notebook source
            // DBTITLE 1,Setup
            import org.apache.spark.sql.functions._
            val df = spark.range(10)

            // COMMAND ----------

            // MAGIC %sql
            // MAGIC SELECT 1

            // COMMAND ----------

            df.createOrReplaceTempView("numbers")""";

    static final String SQL = """
            -- Databricks notebook source
            SELECT 1

            -- COMMAND ----------

            -- MAGIC %md
            -- MAGIC ## Notes

            -- COMMAND ----------

            -- DBTITLE 1,Count
            SELECT count(*) FROM range(10)
            """;

    static final String R = """
            # Databricks notebook source
            library(SparkR)

            # COMMAND ----------

            # MAGIC %sql
            # MAGIC SELECT 2
            """;

    @Test
    void roundTripsScalaSqlAndRNotebooksWithAndWithoutATrailingNewline() {
        assertRoundTrip(SCALA, NotebookLanguage.SCALA);
        assertRoundTrip(SQL, NotebookLanguage.SQL);
        assertRoundTrip(R, NotebookLanguage.R);
        assertThat(SourceFormat.read(SCALA, NotebookLanguage.SCALA).trailingNewline()).isFalse();
        assertThat(SourceFormat.read(SCALA, NotebookLanguage.SCALA).cells().get(0).title()).isEqualTo("Setup");
        assertThat(SourceFormat.read(SQL, NotebookLanguage.SQL).cells().get(1).language(NotebookLanguage.SQL))
                .isEqualTo("md");
        assertThat(SourceFormat.read(SQL, NotebookLanguage.SQL).cells().get(2).language(NotebookLanguage.SQL))
                .isEqualTo("sql");
        assertThat(SourceFormat.read(R, NotebookLanguage.R).cells().get(0).language(NotebookLanguage.R))
                .isEqualTo("r");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // an older export: blank MAGIC lines with a trailing space
            "# Databricks notebook source\n# MAGIC %md\n# MAGIC # Title\n# MAGIC \n# MAGIC text\n",
            // a %md-sandbox cell and an unknown magic
            "# Databricks notebook source\n# MAGIC %md-sandbox\n# MAGIC <b>x</b>\n\n# COMMAND ----------\n\n# MAGIC %lsmagic",
            // an empty last cell, as a notebook ending in a blank cell exports
            "# Databricks notebook source\nprint(1)\n\n# COMMAND ----------\n\n\n",
            // a code cell starting with a magic command written without MAGIC prefix
            "# Databricks notebook source\n%fs ls /\n",
            // a cell mixing MAGIC lines and code
            "# Databricks notebook source\n# MAGIC %sql\nSELECT 1\n",
            // extra blank lines around a separator stay with their cells
            "# Databricks notebook source\na = 1\n\n\n\n# COMMAND ----------\n\n\n\nb = 2\n",
            // a hidden title
            "# Databricks notebook source\n# DBTITLE 0,Hidden\nx = 1\n",
            // the header alone
            "# Databricks notebook source\n",
            // unicode, tabs and Windows-looking content inside a cell
            "# Databricks notebook source\n# MAGIC %md\n# MAGIC Größe\t€ 😀\n\n# COMMAND ----------\n\ns = 'a\\r\\nb'\n" })
    void roundTripsUnusualButValidFilesByteForByte(String text) {
        assertRoundTrip(text, NotebookLanguage.PYTHON);
    }

    @Test
    void readsAScalaNotebooksMavenInstallCellAsAnMvnCellAndWritesItBack() {
        String scala = "// Databricks notebook source\n// MAGIC %mvn install org.apache.commons:commons-lang3:3.17.0\n\n"
                + "// COMMAND ----------\n\norg.apache.commons.lang3.StringUtils.truncate(\"abc\", 1)\n";
        Cell cell = SourceFormat.read(scala, NotebookLanguage.SCALA).cells().get(0);

        assertThat(cell.language(NotebookLanguage.SCALA)).isEqualTo("mvn");
        assertThat(cell.command()).isEqualTo("install org.apache.commons:commons-lang3:3.17.0");
        assertRoundTrip(scala, NotebookLanguage.SCALA);
    }

    @Test
    void keepsTheMeaningOfAnOlderExportWhileWritingItBackUnchanged() {
        String older = "# Databricks notebook source\n# MAGIC %md\n# MAGIC # Title\n# MAGIC \n# MAGIC text\n";
        Cell cell = SourceFormat.read(older, NotebookLanguage.PYTHON).cells().get(0);

        assertThat(cell.source()).isEqualTo("%md\n# Title\n\ntext");
        assertThat(cell.sourceForm()).isEqualTo("# MAGIC %md\n# MAGIC # Title\n# MAGIC \n# MAGIC text");
    }

    @Test
    void readsAFileWithoutHeaderAsOneCell() {
        Notebook notebook = SourceFormat.read("print(1)\nprint(2)\n", NotebookLanguage.PYTHON);

        assertThat(notebook.cells()).containsExactly(Cell.of("print(1)\nprint(2)"));
        assertThat(SourceFormat.write(notebook))
                .isEqualTo("# Databricks notebook source\nprint(1)\nprint(2)\n");
    }

    @Test
    void recognizesTheHeaderOfEachCommentSyntax() {
        assertThat(SourceFormat.headerLanguage(PYTHON)).contains(NotebookLanguage.PYTHON);
        assertThat(SourceFormat.headerLanguage(SCALA)).contains(NotebookLanguage.SCALA);
        assertThat(SourceFormat.headerLanguage(SQL)).contains(NotebookLanguage.SQL);
        assertThat(SourceFormat.headerLanguage("print(1)")).isEmpty();
        assertThat(SourceFormat.headerLanguage("# Databricks notebook sourcery\n")).isEmpty();
    }

    @Test
    void roundTripsALargeNotebook() {
        StringBuilder text = new StringBuilder("# Databricks notebook source\n");
        for (int i = 0; i < 200; i++) {
            if (i > 0) {
                text.append("\n\n# COMMAND ----------\n\n");
            }
            text.append(i % 3 == 0 ? "# MAGIC %sql\n# MAGIC SELECT " + i : i % 3 == 1 ? "# DBTITLE 1,Cell " + i
                    + "\nx = " + i : "# MAGIC %md\n# MAGIC ## Part " + i + "\n# MAGIC\n# MAGIC text");
        }
        text.append('\n');
        Notebook notebook = SourceFormat.read(text.toString(), NotebookLanguage.PYTHON);

        assertThat(notebook.cells()).hasSize(200);
        assertThat(SourceFormat.write(notebook)).isEqualTo(text.toString());
    }

    private static void assertRoundTrip(String text, NotebookLanguage language) {
        Notebook read = SourceFormat.read(text, language);
        assertThat(SourceFormat.write(read)).isEqualTo(text);
        assertThat(SourceFormat.write(NotebookCodec.read(NotebookCodec.write(read)))).isEqualTo(text);
    }
}
