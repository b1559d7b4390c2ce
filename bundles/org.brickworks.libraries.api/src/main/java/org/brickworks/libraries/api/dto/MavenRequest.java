package org.brickworks.libraries.api.dto;

import java.util.List;

/**
 * What to resolve.
 *
 * @param coordinates
 *            {@code group:artifact[:extension[:classifier]]:version}, e.g.
 *            {@code org.apache.commons:commons-text:1.12.0}
 * @param exclusions
 *            {@code group:artifact} left out of the closure wherever they appear ({@code *} matches any part)
 * @param repositories
 *            URLs of remote repositories searched after Maven Central, in order
 */
public record MavenRequest(List<String> coordinates, List<String> exclusions, List<String> repositories) {
    public MavenRequest {
        coordinates = List.copyOf(coordinates);
        exclusions = List.copyOf(exclusions);
        repositories = List.copyOf(repositories);
    }

    /** {@code coordinates} from Maven Central, nothing excluded. */
    public static MavenRequest of(String... coordinates) {
        return new MavenRequest(List.of(coordinates), List.of(), List.of());
    }
}
