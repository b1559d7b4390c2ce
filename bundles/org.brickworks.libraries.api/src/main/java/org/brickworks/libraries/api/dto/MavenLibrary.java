package org.brickworks.libraries.api.dto;

import java.util.List;

/**
 * A Maven library as the Libraries API 2.0 names it ({@code {"maven": {...}}}).
 *
 * @param coordinates
 *            {@code group:artifact:version[:classifier]}, e.g. {@code org.apache.commons:commons-lang3:3.17.0}
 * @param repo
 *            a repository searched after the configured ones, null for none
 * @param exclusions
 *            {@code group:artifact} left out of the closure
 */
public record MavenLibrary(String coordinates, String repo, List<String> exclusions) {
    public MavenLibrary {
        exclusions = exclusions == null ? List.of() : List.copyOf(exclusions);
    }
}
