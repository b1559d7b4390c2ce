package org.brickworks.agent.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class CellMagicTest {

    private static final Set<String> KNOWN = Set.of("fs", "sql", "sh");

    @Test
    void aMagicNamingAKnownLanguageRunsTheRestInIt() {
        assertThat(CellMagic.route("python", "%fs ls /", KNOWN::contains)).isEqualTo(new CellMagic("fs", "ls /"));
        assertThat(CellMagic.route("scala", "\n  %sh\necho a\necho b", KNOWN::contains))
                .isEqualTo(new CellMagic("sh", "echo a\necho b"));
        assertThat(CellMagic.route("fs", "%fs", KNOWN::contains)).isEqualTo(new CellMagic("fs", ""));
    }

    @Test
    void anythingElseStaysInItsLanguageAsItIs() {
        assertThat(CellMagic.route("python", "%pip install x", KNOWN::contains))
                .isEqualTo(new CellMagic("python", "%pip install x"));
        assertThat(CellMagic.route("python", "%fsx ls", KNOWN::contains))
                .isEqualTo(new CellMagic("python", "%fsx ls"));
        assertThat(CellMagic.route("python", "print('%fs ls')", KNOWN::contains))
                .isEqualTo(new CellMagic("python", "print('%fs ls')"));
    }
}
