package org.brickworks.agent.languages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FsMagicTest {

    @Test
    void quotesGroupWords() {
        assertThat(FsMagic.words("put -f /a.txt \"two words \\\"quoted\\\"\" 'single q'"))
                .containsExactly("put", "-f", "/a.txt", "two words \"quoted\"", "single q");
    }
}
