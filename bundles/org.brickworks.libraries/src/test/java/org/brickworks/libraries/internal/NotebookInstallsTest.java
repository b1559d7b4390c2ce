package org.brickworks.libraries.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.brickworks.execution.api.dto.NotebookLibraries;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.libraries.api.dto.Library;
import org.junit.jupiter.api.Test;

/** The magics' syntax; what resolution does with the libraries is LibraryResolutionTest's and the ITs' part. */
class NotebookInstallsTest {
    private final List<Library> asked = new ArrayList<>();
    private final NotebookInstalls installs = new NotebookInstalls(library -> {
        asked.add(library);
        return library.pypi() != null
                ? new LibraryResolution.Resolved(List.of(), List.of(Path.of("/sets/" + library.pypi().packageSpec())))
                : new LibraryResolution.Resolved(List.of(Path.of("/m/a.jar"), Path.of("/m/shared.jar")), List.of());
    });

    @Test
    void pipInstallsEachRequirementFromTheGivenIndex() {
        NotebookLibraries resolved = installs.resolve("python",
                "%pip install \"bw-tiny<2\" other --index-url http://127.0.0.1:1/simple").orElseThrow();

        assertThat(asked).extracting(l -> l.pypi().packageSpec()).containsExactly("bw-tiny<2", "other");
        assertThat(asked).extracting(l -> l.pypi().repo()).containsOnly("http://127.0.0.1:1/simple");
        assertThat(resolved.pythonPaths()).containsExactly(Path.of("/sets/bw-tiny<2"), Path.of("/sets/other"));
        assertThat(resolved.summary()).contains("bw-tiny<2 other");
    }

    @Test
    void mvnInstallsTheClosuresOnceEachJarWithTheRepository() {
        NotebookLibraries resolved = installs.resolve("scala",
                "  %mvn install org.apache.commons:commons-lang3:3.17.0 g:a:1 --repo file:/tmp/repo").orElseThrow();

        assertThat(asked).extracting(l -> l.maven().repo()).containsOnly("file:/tmp/repo");
        assertThat(resolved.jars()).containsExactly(Path.of("/m/a.jar"), Path.of("/m/shared.jar"));
        assertThat(resolved.summary()).contains("a.jar, shared.jar");
    }

    @Test
    void otherCommandsAreNotInstalls() {
        assertThat(installs.resolve("python", "print(1)")).isEmpty();
        assertThat(installs.resolve("python", "%sh ls")).isEmpty();
        assertThat(installs.resolve("python", "x = 1\n%pip install y")).isEmpty();
        assertThat(asked).isEmpty();
    }

    @Test
    void malformedInstallsAreRefusedWithTheirUsage() {
        assertThatThrownBy(() -> installs.resolve("scala", "%pip install x")).isInstanceOf(BrickworksException.class)
                .hasMessageContaining("python commands");
        assertThatThrownBy(() -> installs.resolve("python", "%pip uninstall x")).hasMessageContaining("%pip install");
        assertThatThrownBy(() -> installs.resolve("python", "%pip install --upgrade x"))
                .hasMessageContaining("Unsupported option --upgrade");
        assertThatThrownBy(() -> installs.resolve("scala", "%mvn install")).hasMessageContaining("Nothing to install");
        assertThatThrownBy(() -> installs.resolve("scala", "%mvn install bad")).hasMessageContaining("Bad Maven");
        assertThatThrownBy(() -> installs.resolve("python", "%pip install x\nprint(1)"))
                .hasMessageContaining("one line");
        assertThat(asked).isEmpty();
    }
}
