package org.brickworks.agent.languages.scala;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The REPL's output as Scala 2.12 and 2.13 print it for the same cells (captured from both runtimes). */
class ScalaErrorsTest {

    private static final String MISMATCH = "val a = 1\nval b: Int = \"text\"";

    @Test
    void scala212GivesTheConsoleLineAndTheWholeMessage() {
        String output = "<console>:20: error: type mismatch;\n found   : String(\"text\")\n required: Int\n"
                + "       val b: Int = \"text\"\n                    ^\n";

        assertThat(ScalaErrors.summary(output, MISMATCH))
                .isEqualTo("<console>:20: error: type mismatch; found : String(\"text\") required: Int");
    }

    @Test
    void scala213GivesTheCellsLineAndTheWholeMessage() {
        String output = "       val b: Int = \"text\"\n                    ^\nOn line 2: error: type mismatch;\n"
                + "        found   : String(\"text\")\n        required: Int\n";

        assertThat(ScalaErrors.summary(output, MISMATCH))
                .isEqualTo("On line 2: error: type mismatch; found : String(\"text\") required: Int");
    }

    @Test
    void scala213LeavesTheFirstLineUnnamedAndTheSummarySaysIt() {
        assertThat(ScalaErrors.summary("       ^\n       error: not found: value foo\n", "foo(1)\nval z = 2"))
                .isEqualTo("On line 1: error: not found: value foo");
    }

    @Test
    void onlyTheFirstErrorCountsAndTheCodeEndsItsMessage() {
        String output = "       val s: String = a\n                       ^\nOn line 3: error: type mismatch;\n"
                + "        found   : Int\n        required: String\n       val t: Int = \"x\"\n"
                + "                    ^\nOn line 4: error: type mismatch;\n";

        assertThat(ScalaErrors.summary(output, "val a = 1\nval b = 2\nval s: String = a\nval t: Int = \"x\""))
                .isEqualTo("On line 3: error: type mismatch; found : Int required: String");
    }

    @Test
    void withoutACompilerErrorTheExceptionOrTheFirstLineIsTheSummary() {
        assertThat(ScalaErrors.summary("java.lang.IllegalStateException: boom\n  at $line1.$read(<console>:1)\n",
                "throw new IllegalStateException(\"boom\")")).isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(ScalaErrors.summary("", "")).isEqualTo("Scala command failed");
    }
}
