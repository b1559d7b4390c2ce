package org.brickworks.libraries.api.dto;

import java.nio.file.Path;
import java.util.List;

/** The artifacts of a resolved request, in resolution order: a classpath in the order Maven would build it. */
public record ResolvedClosure(List<ResolvedArtifact> artifacts) {
    public ResolvedClosure {
        artifacts = List.copyOf(artifacts);
    }

    /** The files, in order. */
    public List<Path> files() {
        return artifacts.stream().map(ResolvedArtifact::file).toList();
    }
}
