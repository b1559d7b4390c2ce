package org.brickworks.workspace.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkspacePathsTest {

    @Test
    void normalizesRepeatedAndTrailingSlashes() {
        assertThat(WorkspacePaths.normalize("/")).isEqualTo("/");
        assertThat(WorkspacePaths.normalize("//Users//a@b.c/etl/")).isEqualTo("/Users/a@b.c/etl");
    }

    @Test
    void refusesRelativePathsDotSegmentsAndControlCharacters() {
        assertThatThrownBy(() -> WorkspacePaths.normalize("Users/x")).hasMessageContaining("must be absolute");
        assertThatThrownBy(() -> WorkspacePaths.normalize("/Users/../../etc")).hasMessageContaining("..");
        assertThatThrownBy(() -> WorkspacePaths.normalize("/a/./b")).hasMessageContaining("segments");
        assertThatThrownBy(() -> WorkspacePaths.normalize("/a\nb")).hasMessageContaining("control");
        assertThatThrownBy(() -> WorkspacePaths.normalize("")).hasMessageContaining("path");
        assertThatThrownBy(() -> WorkspacePaths.normalize("/" + "x".repeat(5000))).hasMessageContaining("longer");
    }

    @Test
    void knowsParentsAndNames() {
        assertThat(WorkspacePaths.parent("/")).isNull();
        assertThat(WorkspacePaths.parent("/a")).isEqualTo("/");
        assertThat(WorkspacePaths.parent("/a/b")).isEqualTo("/a");
        assertThat(WorkspacePaths.name("/a/b.py")).isEqualTo("b.py");
    }
}
