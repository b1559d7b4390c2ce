package org.brickworks.runtimes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginSourceTest {
    @TempDir
    Path folder;

    @Test
    void anExistingFileIsAFileWithItsUriAsLocation() throws IOException {
        Path jar = Files.createFile(folder.resolve("org.example.runtime_1.0.0.jar"));
        PluginSource source = PluginSource.parse(" " + jar + " ");
        assertThat(source.file()).isEqualTo(jar);
        assertThat(source.coordinates()).isNull();
        assertThat(source.location()).isEqualTo(jar.toUri().toString());
    }

    @Test
    void aFileNamedLikeCoordinatesIsStillAFile() throws IOException {
        Path jar = Files.createFile(folder.resolve("a:b:c"));
        assertThat(PluginSource.parse(jar.toString()).file()).isEqualTo(jar);
    }

    @Test
    void groupArtifactVersionAreCoordinatesWithAMvnLocation() {
        PluginSource source = PluginSource.parse("org.apache.commons:commons-lang3:3.17.0");
        assertThat(source.file()).isNull();
        assertThat(source.coordinates()).isEqualTo("org.apache.commons:commons-lang3:3.17.0");
        assertThat(source.location()).isEqualTo("mvn:org.apache.commons/commons-lang3/3.17.0");
    }

    @Test
    void neitherAFileNorCoordinatesIsAnInvalidParameterNamingBoth() {
        Path missing = folder.resolve("missing.jar");
        assertThatThrownBy(() -> PluginSource.parse(missing.toString())).isInstanceOf(BrickworksException.class)
                .hasMessage("No file " + missing + ", and " + missing
                        + " is not Maven coordinates group:artifact:version either")
                .extracting(e -> ((BrickworksException) e).errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
        assertThatThrownBy(() -> PluginSource.parse("org.example:runtime"))
                .hasMessageContaining("not Maven coordinates");
        assertThatThrownBy(() -> PluginSource.parse("a:b:c:d")).hasMessageContaining("not Maven coordinates");
        assertThatThrownBy(() -> PluginSource.parse("  "))
                .hasMessage("No plugin given: a jar file or group:artifact:version");
    }
}
