package org.brickworks.libraries.api;

import org.brickworks.libraries.api.dto.MavenRequest;
import org.brickworks.libraries.api.dto.ResolvedClosure;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Resolves Maven coordinates with their transitive runtime dependencies (nearest wins, as Maven does) into the
 * platform's cache. The user's local Maven repository is read before anything is downloaded; a closure already in the
 * cache resolves without touching the network. Downloads are verified against the repository's checksums.
 * <p>
 * Thread-safe: concurrent calls share the cache safely.
 */
@ProviderType
public interface MavenResolver {

    /**
     * Resolves {@code request} into its closure, in classpath order (Maven's: the dependency tree pre-order). Blocks
     * while downloading; {@code listener} hears about each download.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code INVALID_PARAMETER_VALUE} for malformed coordinates, exclusions or repository URLs;
     *             {@code RESOURCE_DOES_NOT_EXIST} when an artifact or version is in none of the repositories;
     *             {@code TEMPORARILY_UNAVAILABLE} when a repository cannot be reached or serves a file whose checksum
     *             does not match. The message carries the resolver's reason.
     */
    ResolvedClosure resolve(MavenRequest request, ResolutionListener listener);

    /** {@link #resolve(MavenRequest, ResolutionListener)} without progress reports. */
    default ResolvedClosure resolve(MavenRequest request) {
        return resolve(request, ResolutionListener.NONE);
    }
}
