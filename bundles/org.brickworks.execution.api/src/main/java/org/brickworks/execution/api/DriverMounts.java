package org.brickworks.execution.api;

import java.util.List;

import org.brickworks.execution.api.dto.DriverMount;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Keeps every running driver's DBFS mount table equal to the platform's: the DBFS service hands over the whole table
 * whenever it changes, and each driver gets it before its cluster turns RUNNING and again after every change. A
 * driver that cannot be reached now gets the table at its next start. Thread-safe; the call returns once every
 * running driver has the table or was given up on (each within a few seconds).
 */
@ProviderType
public interface DriverMounts {

    /** Replaces the mount table of every running driver, and of every driver started from now on, by {@code mounts}. */
    void publish(List<DriverMount> mounts);
}
