package org.brickworks.agent.protocol;

import java.util.List;

/** The languages the agent runs now, built-in and from plugins, sorted. */
public record LanguageList(List<String> languages) {
    public LanguageList {
        languages = List.copyOf(languages);
    }
}
