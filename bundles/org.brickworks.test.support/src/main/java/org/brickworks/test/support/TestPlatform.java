package org.brickworks.test.support;

import java.nio.file.Path;
import java.time.Instant;

import org.brickworks.core.api.PlatformInfo;

/** The platform's identity for unit tests: a test version, started at the epoch, data in {@code dataDirectory}. */
public record TestPlatform(Path dataDirectory) implements PlatformInfo {
    @Override
    public String version() {
        return "0.0.0.test";
    }

    @Override
    public Instant startedAt() {
        return Instant.EPOCH;
    }
}
