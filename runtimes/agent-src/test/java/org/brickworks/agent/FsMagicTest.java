package org.brickworks.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FsMagicTest {

    @Test
    void recognizesFsCommandsInAnyLanguage() {
        assertThat(FsMagic.isFsCommand("%fs ls /")).isTrue();
        assertThat(FsMagic.isFsCommand("\n  %fs\nls")).isTrue();
        assertThat(FsMagic.isFsCommand("%fsx ls")).isFalse();
        assertThat(FsMagic.isFsCommand("print('%fs ls')")).isFalse();
    }

    @Test
    void quotesGroupWords() {
        assertThat(FsMagic.words("put -f /a.txt \"two words \\\"quoted\\\"\" 'single q'"))
                .containsExactly("put", "-f", "/a.txt", "two words \"quoted\"", "single q");
    }

    @Test
    void pathsWithoutSchemeAreOnDbfs() {
        assertThat(DbfsUtils.path("/tmp/x").toString()).isEqualTo("dbfs:/tmp/x");
        assertThat(DbfsUtils.path("tmp/x").toString()).isEqualTo("dbfs:/tmp/x");
        assertThat(DbfsUtils.path("dbfs:/tmp/x").toString()).isEqualTo("dbfs:/tmp/x");
        assertThat(DbfsUtils.path("file:/tmp/x").toString()).isEqualTo("file:/tmp/x");
    }
}
