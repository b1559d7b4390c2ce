package org.brickworks.libraries.internal;

import java.nio.file.Path;
import java.time.Instant;

import org.brickworks.core.api.PlatformInfo;

record TestPlatform(Path dataDirectory) implements PlatformInfo {
    @Override
    public String version() {
        return "0.0.0.test";
    }

    @Override
    public Instant startedAt() {
        return Instant.EPOCH;
    }
}
