package org.brickworks.secrets.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.brickworks.secrets.api.Redaction;
import org.junit.jupiter.api.Test;

class RedactionTest {
    @Test
    void hidesLongerValuesFirstAndIgnoresEmptyOnes() {
        Redaction redaction = new Redaction(Set.of("abc", "abcdef", ""));

        assertThat(redaction.values()).containsExactlyInAnyOrder("abc", "abcdef");
        assertThat(redaction.redact("x abcdef y abc")).isEqualTo("x [REDACTED] y [REDACTED]");
        assertThat(redaction.matches("no secret")).isFalse();
        assertThat(redaction.matches("has abc")).isTrue();
        assertThat(redaction.redact(null)).isNull();
    }
}
