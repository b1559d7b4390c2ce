package org.brickworks.clusters.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriverLogTailTest {
    @TempDir
    Path folder;

    @Test
    void returnsAShortLogWhole() throws Exception {
        Path log = Files.writeString(folder.resolve("driver.log"), "one\ntwo\n");
        assertThat(DriverLogTail.read(log, 1024)).isEqualTo("one\ntwo\n");
    }

    @Test
    void returnsTheLastFullLinesWithinTheLimit() throws Exception {
        Path log = Files.writeString(folder.resolve("driver.log"), "first line\nsecond\nthird\n");
        assertThat(DriverLogTail.read(log, 12)).isEqualTo("third\n");
    }

    @Test
    void returnsTheEndOfOneLineLongerThanTheLimit() throws Exception {
        Path log = Files.writeString(folder.resolve("driver.log"), "abcdefgh");
        assertThat(DriverLogTail.read(log, 3)).isEqualTo("fgh");
    }

    @Test
    void returnsNothingBeforeTheDriverWrote() {
        assertThat(DriverLogTail.read(folder.resolve("driver.log"), 10)).isEmpty();
    }

    @Test
    void refusesANonPositiveLimit() {
        assertThatThrownBy(() -> DriverLogTail.read(folder.resolve("driver.log"), 0))
                .isInstanceOfSatisfying(BrickworksException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
    }
}
