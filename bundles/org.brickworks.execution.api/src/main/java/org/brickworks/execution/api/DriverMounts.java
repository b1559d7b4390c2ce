package org.brickworks.execution.api;

import java.nio.file.Path;
import java.util.List;

import org.brickworks.execution.api.dto.DriverMount;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Keeps every driver's DBFS in step with the platform's: the DBFS service hands over its local root and its whole
 * mount table at its start and whenever a mount changes; each driver gets the table before its cluster turns RUNNING
 * and again after every change, and the root at its start. A driver that cannot be reached now gets the table at its
 * next start. Thread-safe; the call returns once every running driver has the table or was given up on (each within a
 * few seconds).
 */
@ProviderType
public interface DriverMounts {

    /**
     * Replaces the DBFS of every running driver, and of every driver started from now on, by {@code localRoot} (a
     * folder on the platform's host: {@code dbfs:/x} is {@code <localRoot>/x}) and {@code mounts}.
     */
    void publish(Path localRoot, List<DriverMount> mounts);
}
