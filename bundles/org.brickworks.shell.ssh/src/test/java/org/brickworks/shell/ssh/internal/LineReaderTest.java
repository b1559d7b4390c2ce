package org.brickworks.shell.ssh.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;

import org.junit.jupiter.api.Test;

class LineReaderTest {
    private final ByteArrayOutputStream shown = new ByteArrayOutputStream();

    private LineReader reader(String typed, boolean echo) {
        return new LineReader(new ByteArrayInputStream(typed.getBytes(UTF_8)), new PrintStream(shown, true, UTF_8),
                echo);
    }

    @Test
    void crLfAndLfEachEndOneLine() throws IOException {
        LineReader reader = reader("one\r\ntwo\nthree\rfour", false);

        assertThat(reader.readLine("> ")).isEqualTo("one");
        assertThat(reader.readLine("> ")).isEqualTo("two");
        assertThat(reader.readLine("> ")).isEqualTo("three");
        assertThat(reader.readLine("> ")).isEqualTo("four");
        assertThat(reader.readLine("> ")).isNull();
    }

    @Test
    void backspaceRemovesAWholeUtf8Character() throws IOException {
        LineReader reader = reader("caf\u00e9\u007f\u007fe\r", true);

        assertThat(reader.readLine("> ")).isEqualTo("cae");
        assertThat(shown.toString(UTF_8)).isEqualTo("> caf\u00e9\b \b\b \be\n");
    }

    @Test
    void ctrlCDropsTheLineAndPromptsAgain() throws IOException {
        LineReader reader = reader("wrong\u0003right\r", true);

        assertThat(reader.readLine("> ")).isEqualTo("right");
        assertThat(shown.toString(UTF_8)).isEqualTo("> wrong^C\n> right\n");
    }

    @Test
    void ctrlDEndsInputOnlyOnAnEmptyLine() throws IOException {
        LineReader reader = reader("ab\u0004c\r\u0004ignored\r", false);

        assertThat(reader.readLine("> ")).isEqualTo("abc");
        assertThat(reader.readLine("> ")).isNull();
    }

    @Test
    void escapeSequencesAndControlCharactersAreIgnoredAndTabIsASpace() throws IOException {
        LineReader reader = reader("a\u001b[1;5Cb\u001bOHc\u0007d\te\r", false);

        assertThat(reader.readLine("> ")).isEqualTo("abcd e");
    }

    @Test
    void withoutEchoOnlyThePromptIsShown() throws IOException {
        LineReader reader = reader("typed\r", false);

        reader.readLine("bw> ");

        assertThat(shown.toString(UTF_8)).isEqualTo("bw> ");
    }
}
