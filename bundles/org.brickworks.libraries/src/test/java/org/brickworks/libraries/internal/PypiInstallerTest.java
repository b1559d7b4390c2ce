package org.brickworks.libraries.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real pip against a PEP 503 index this test serves with wheels it writes. */
class PypiInstallerTest {
    @TempDir
    Path cache;

    private final PypiTestIndex index;

    PypiInstallerTest() throws IOException {
        index = new PypiTestIndex().publish("bw-tiny", "1.0", "'one'").publish("bw-tiny", "2.0", "'two'")
                .publish("bw-app", "1.0", "'app'", "bw-tiny<2");
    }

    @AfterEach
    void close() {
        index.close();
    }

    private PypiInstaller installer(String defaultIndex) {
        return new PypiInstaller(cache, "python3", defaultIndex, Duration.ofSeconds(120));
    }

    @Test
    void installsARequirementWithItsDependenciesIntoAContentAddressedSet() throws Exception {
        Path set = installer("").install("bw-app==1.0", index.url());

        assertThat(set.getParent()).isEqualTo(cache.resolve("sets"));
        assertThat(set.getFileName().toString()).matches("[0-9a-f]{64}");
        assertThat(python(set, "import bw_app, bw_tiny; print(bw_app.VALUE, bw_tiny.VALUE)")).isEqualTo("app one");
    }

    @Test
    void theSameRequestAgainNeedsNeitherPipNorTheIndex() {
        Path first = installer(index.url()).install("bw-tiny>=2", null);
        index.close();

        assertThat(installer(index.url()).install("bw-tiny>=2", null)).isEqualTo(first);
        assertThat(index.downloads).containsEntry("bw_tiny-2.0-py3-none-any.whl", 1);
    }

    @Test
    void twoRequestsResolvingToTheSameDistributionsShareOneSet() {
        Path exact = installer("").install("bw-tiny==2.0", index.url());
        Path range = installer("").install("bw-tiny>1", index.url());

        assertThat(range).isEqualTo(exact);
    }

    @Test
    void noMatchingVersionFailsWithPipsReasonAndLeavesNothing() throws IOException {
        assertThatThrownBy(() -> installer("").install("bw-tiny==9.9", index.url()))
                .isInstanceOfSatisfying(BrickworksException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST))
                .hasMessageContaining("bw-tiny==9.9").hasMessageContaining("No matching distribution");
        assertThatThrownBy(() -> installer("").install("bw-nowhere", index.url()))
                .isInstanceOf(BrickworksException.class).hasMessageContaining("bw-nowhere");
        try (Stream<Path> files = Files.walk(cache)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void refusesWhatPipWouldReadAsAnOption() {
        for (String bad : List.of("", " ", "--index-url=http://evil/", "-r requirements.txt")) {
            assertThatThrownBy(() -> PypiInstaller.validate(bad, null)).isInstanceOfSatisfying(
                    BrickworksException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
        }
        assertThatThrownBy(() -> PypiInstaller.validate("x", "ftp://example.org/simple"))
                .isInstanceOf(BrickworksException.class);
    }

    private static String python(Path path, String code) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("python3", "-c", code).redirectErrorStream(true);
        builder.environment().put("PYTHONPATH", path.toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }
}
