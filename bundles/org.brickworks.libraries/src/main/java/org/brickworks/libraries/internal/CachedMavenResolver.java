package org.brickworks.libraries.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.brickworks.core.api.PlatformInfo;
import org.brickworks.libraries.api.MavenResolver;
import org.brickworks.libraries.api.ResolutionListener;
import org.brickworks.libraries.api.dto.MavenRequest;
import org.brickworks.libraries.api.dto.ResolvedClosure;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MavenResolver} over Apache Maven Resolver (embedded), downloading into a cache directory with the user's local
 * Maven repository chained behind it read-only. Both are "simple" local repositories: a file present is used whatever
 * repository it came from, so a cached closure resolves without the network. Downloads are staged and reach the cache
 * only when the whole resolution succeeded (see {@link MavenEngine}). A configuration change replaces the component.
 */
@Component(configurationPid = "org.brickworks.libraries.maven")
@Designate(ocd = MavenResolverConfig.class)
public class CachedMavenResolver implements MavenResolver {
    private static final Logger LOG = LoggerFactory.getLogger(CachedMavenResolver.class);

    private final Path cache;
    private final List<Path> readOnly;
    private final MavenEngine engine;

    @Activate
    public CachedMavenResolver(BundleContext context, MavenResolverConfig config) {
        this(PlatformInfo.dataDirectoryOf(context), config);
    }

    CachedMavenResolver(Path dataDirectory, MavenResolverConfig config) {
        cache = cacheDirectory(dataDirectory, config);
        readOnly = userRepository(config.userRepository()).map(List::of).orElse(List.of());
        engine = new MavenEngine(config);
        LOG.info("Maven resolver ready: cache {}, user repository {}", cache,
                readOnly.isEmpty() ? "none" : readOnly.get(0) + " (read-only)");
    }

    @Deactivate
    void close() {
        engine.close();
        LOG.info("Maven resolver closed");
    }

    @Override
    public ResolvedClosure resolve(MavenRequest request, ResolutionListener listener) {
        return engine.resolve(request, listener, cache, readOnly);
    }

    /** The configured cache, or {@code cache/maven} under the data directory. */
    static Path cacheDirectory(Path dataDirectory, MavenResolverConfig config) {
        return config.cacheDirectory().isBlank() ? dataDirectory.resolve("cache/maven")
                : Path.of(config.cacheDirectory());
    }

    /** {@code ~/x} is {@code x} under the user's home; a missing folder is no repository. */
    static Optional<Path> userRepository(String configured) {
        if (configured.isBlank()) {
            return Optional.empty();
        }
        // The JVM's own notion of the user's home, as Maven has it: not a configuration property of ours.
        Path path = configured.startsWith("~/") ? Path.of(System.getProperty("user.home"), configured.substring(2))
                : Path.of(configured);
        return Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
    }
}
