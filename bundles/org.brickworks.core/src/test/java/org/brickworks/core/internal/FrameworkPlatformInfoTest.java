package org.brickworks.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameworkPlatformInfoTest {
    private static final Instant STARTED = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path temp;

    @Test
    void createsMissingDataDirectory() {
        Path data = temp.resolve("var/brickworks/data");

        FrameworkPlatformInfo info = new FrameworkPlatformInfo("1.2.3", STARTED, data.toString());

        assertThat(info.dataDirectory()).isEqualTo(data).isDirectory();
    }

    @Test
    void resolvesRelativeDataDirectoryAgainstWorkingDirectory() {
        Path workingDirectory = Path.of("").toAbsolutePath();
        Path relative = workingDirectory.relativize(temp.resolve("data"));

        FrameworkPlatformInfo info = new FrameworkPlatformInfo("1.2.3", STARTED, relative.toString());

        assertThat(relative).isRelative();
        assertThat(info.dataDirectory()).isAbsolute().isEqualTo(temp.resolve("data").toAbsolutePath()).isDirectory();
    }

    @Test
    void normalizesDataDirectory() {
        FrameworkPlatformInfo info = new FrameworkPlatformInfo("1.2.3", STARTED, temp + "/a/../data/.");

        assertThat(info.dataDirectory()).isEqualTo(temp.resolve("data")).isDirectory();
        assertThat(temp.resolve("a")).doesNotExist();
    }

    @Test
    void keepsAnExistingDataDirectoryAndItsFiles() throws IOException {
        Path data = Files.createDirectories(temp.resolve("data"));
        Path marker = Files.writeString(data.resolve("admin-token"), "kept");

        FrameworkPlatformInfo info = new FrameworkPlatformInfo("1.2.3", STARTED, data.toString());

        assertThat(info.dataDirectory()).isEqualTo(data);
        assertThat(marker).hasContent("kept");
    }

    @Test
    void failsNamingThePathWhenDataDirectoryIsAFile() throws IOException {
        Path file = Files.writeString(temp.resolve("data"), "not a directory");

        assertThatThrownBy(() -> new FrameworkPlatformInfo("1.2.3", STARTED, file.toString()))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining(file.toString());
    }

    @Test
    void reportsVersionAndStartTimeAsGiven() {
        FrameworkPlatformInfo info = new FrameworkPlatformInfo("1.2.3", STARTED, temp.toString());

        assertThat(info.version()).isEqualTo("1.2.3");
        assertThat(info.startedAt()).isEqualTo(STARTED);
    }
}
