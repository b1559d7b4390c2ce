package org.brickworks.core.api;

import java.nio.file.Path;
import java.time.Instant;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What this running platform is: its version, when it started and where its data directory is. Only a few components
 * may touch the data directory itself (the store, the admin bootstrap, the SSH host key); everything else keeps its
 * state in the store.
 */
@ProviderType
public interface PlatformInfo {
    /** Framework property naming the data directory; the start script sets it from {@code BRICKWORKS_DATA}. */
    String DATA_PROPERTY = "brickworks.data";

    String version();

    Instant startedAt();

    Path dataDirectory();
}
