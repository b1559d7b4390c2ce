package org.brickworks.libraries.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Hears the progress of a {@link MavenResolver#resolve resolution}, e.g. to show it as cluster events or in the shell.
 * Called on the resolver's download threads, possibly concurrently for different files; an implementation returns
 * quickly and never throws (a thrown exception is logged and ignored). Files found in the cache report nothing.
 */
@ConsumerType
public interface ResolutionListener {
    /** A listener that ignores everything. */
    ResolutionListener NONE = new ResolutionListener() {
    };

    /** A download of {@code url} began; {@code size} is its length in bytes, or -1 when the server did not say. */
    default void downloadStarted(String url, long size) {
    }

    /** {@code transferred} bytes of {@code url} have arrived so far. */
    default void downloadProgressed(String url, long transferred) {
    }

    /** {@code url} arrived completely, {@code size} bytes, and its checksum matched. */
    default void downloadFinished(String url, long size) {
    }

    /** {@code url} could not be downloaded from this repository (the resolver may still find it in another one). */
    default void downloadFailed(String url, String reason) {
    }
}
