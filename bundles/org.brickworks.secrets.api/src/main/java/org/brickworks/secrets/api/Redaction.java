package org.brickworks.secrets.api;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Secret values to hide in what a run prints: each occurrence becomes {@value #REDACTED}. Immutable, thread-safe.
 */
public final class Redaction {
    public static final String REDACTED = "[REDACTED]";

    private final Set<String> values;
    private final List<String> longestFirst;

    /** @param values the texts to hide; empty ones are ignored */
    public Redaction(Set<String> values) {
        this.values = values.stream().filter(v -> !v.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.longestFirst = this.values.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** The texts hidden. */
    public Set<String> values() {
        return values;
    }

    /** {@code text} with every secret value in it replaced, longer values first (a value may contain another). */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String value : longestFirst) {
            result = result.replace(value, REDACTED);
        }
        return result;
    }

    /** Whether {@code text} holds a secret value. */
    public boolean matches(String text) {
        return text != null && longestFirst.stream().anyMatch(text::contains);
    }
}
