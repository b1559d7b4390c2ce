package org.brickworks.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.brickworks.core.api.PlatformInfo;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The platform's identity, read once from the framework: the data directory comes from the
 * {@value PlatformInfo#DATA_PROPERTY} framework property (the start script sets it from {@code BRICKWORKS_DATA}),
 * relative to the working directory when not absolute; the version is this bundle's; the start time is the process's.
 */
@Component
public class FrameworkPlatformInfo implements PlatformInfo {
    private final String version;
    private final Instant startedAt;
    private final Path dataDirectory;

    @Activate
    public FrameworkPlatformInfo(BundleContext context) {
        this(context.getBundle().getVersion().toString(),
                ProcessHandle.current().info().startInstant().orElseGet(Instant::now),
                context.getProperty(DATA_PROPERTY));
    }

    FrameworkPlatformInfo(String version, Instant startedAt, String dataProperty) {
        this.version = version;
        this.startedAt = startedAt;
        this.dataDirectory = createDirectory(Path.of(dataProperty == null ? "data" : dataProperty));
    }

    private static Path createDirectory(Path path) {
        try {
            return Files.createDirectories(path.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + path, e);
        }
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public Path dataDirectory() {
        return dataDirectory;
    }
}
