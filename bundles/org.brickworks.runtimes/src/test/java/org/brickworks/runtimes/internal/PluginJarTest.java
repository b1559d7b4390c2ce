package org.brickworks.runtimes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginJarTest {
    @TempDir
    Path folder;

    @Test
    void readsTheSymbolicNameWithoutDirectivesAndTheVersion() throws IOException {
        Path jar = jar("Bundle-SymbolicName", "org.example.runtime; singleton:=true", "Bundle-Version", "1.2.3.q");
        assertThat(PluginJar.read(jar, "x")).isEqualTo(new PluginJar("org.example.runtime", "1.2.3.q"));
    }

    @Test
    void aBundleWithoutVersionIsVersionZero() throws IOException {
        assertThat(PluginJar.read(jar("Bundle-SymbolicName", "org.example.runtime"), "x").version())
                .isEqualTo("0.0.0");
    }

    @Test
    void aJarWithoutSymbolicNameIsNoBundle() throws IOException {
        assertThatThrownBy(() -> PluginJar.read(jar("Implementation-Title", "plain"), "plain.jar"))
                .isInstanceOf(BrickworksException.class)
                .hasMessage("plain.jar is not an OSGi bundle: its manifest has no Bundle-SymbolicName")
                .extracting(e -> ((BrickworksException) e).errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
    }

    @Test
    void aFileThatIsNoJarIsRefused() throws IOException {
        Path text = Files.writeString(folder.resolve("notes.jar"), "not a zip");
        assertThatThrownBy(() -> PluginJar.read(text, "notes.jar")).hasMessageStartingWith("notes.jar is not a jar: ");
    }

    private Path jar(String... headers) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        for (int i = 0; i < headers.length; i += 2) {
            manifest.getMainAttributes().putValue(headers[i], headers[i + 1]);
        }
        Path jar = folder.resolve("plugin.jar");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            // a manifest is all a bundle identity needs
        }
        return jar;
    }
}
