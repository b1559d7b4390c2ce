package org.brickworks.core.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;
import org.osgi.framework.BundleContext;

/**
 * What this running platform is: its version, when it started and where its data directory is. Only a few components
 * may touch the data directory itself (the store, the admin bootstrap, the SSH host key); everything else keeps its
 * state in the store.
 */
@ProviderType
public interface PlatformInfo {
    /** Framework property naming the data directory; the start script sets it from {@code BRICKWORKS_DATA}. */
    String DATA_PROPERTY = "brickworks.data";
    /** The data directory's permissions: the platform's user only. */
    Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    String version();

    Instant startedAt();

    Path dataDirectory();

    /**
     * The data directory {@link #dataDirectory()} answers, read from the framework (the
     * {@value #DATA_PROPERTY} property, {@code data} by default, relative to the working directory), created if
     * missing and made owner-only ({@code 0700}). Components that only need the directory read it here instead of referencing this service, so that an
     * update of the core bundle does not restart them.
     */
    static Path dataDirectoryOf(BundleContext context) {
        String property = context.getProperty(DATA_PROPERTY);
        Path path = Path.of(property == null ? "data" : property);
        try {
            Path directory = Files.createDirectories(path.toAbsolutePath().normalize());
            if (Files.getFileStore(directory).supportsFileAttributeView("posix")
                    && !Files.getPosixFilePermissions(directory).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(directory, OWNER_ONLY); // the store, tokens and keys are in it
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + path, e);
        }
    }
}
