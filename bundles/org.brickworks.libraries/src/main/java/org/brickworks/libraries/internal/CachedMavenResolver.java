package org.brickworks.libraries.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.brickworks.core.api.PlatformInfo;
import org.brickworks.libraries.api.MavenResolver;
import org.brickworks.libraries.api.ResolutionListener;
import org.brickworks.libraries.api.dto.MavenRequest;
import org.brickworks.libraries.api.dto.ResolvedArtifact;
import org.brickworks.libraries.api.dto.ResolvedClosure;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.RepositorySystemSession.CloseableSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.ResolutionErrorPolicy;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.SimpleResolutionErrorPolicy;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MavenResolver} over Apache Maven Resolver (embedded), downloading into a cache directory with the user's local
 * Maven repository chained behind it read-only. Both are "simple" local repositories: a file present is used whatever
 * repository it came from, so a cached closure resolves without the network. A configuration change replaces the
 * component.
 */
@Component(configurationPid = "org.brickworks.libraries.maven")
@Designate(ocd = MavenResolverConfig.class)
public class CachedMavenResolver implements MavenResolver {
    private static final Logger LOG = LoggerFactory.getLogger(CachedMavenResolver.class);

    private final RepositorySystem system;
    private final List<LocalRepository> localRepositories;
    private final MavenRequests requests;
    private final MavenResolverConfig config;
    private final Sha1Cache sha1s = new Sha1Cache();

    @Activate
    public CachedMavenResolver(@Reference PlatformInfo platform, MavenResolverConfig config) {
        this.config = config;
        Path cache = config.cacheDirectory().isBlank() ? platform.dataDirectory().resolve("cache/maven")
                : Path.of(config.cacheDirectory());
        localRepositories = new ArrayList<>(List.of(new LocalRepository(cache, "simple")));
        userRepository(config.userRepository())
                .ifPresent(user -> localRepositories.add(new LocalRepository(user, "simple")));
        requests = new MavenRequests(config.centralUrl());
        system = new RepositorySystemSupplier().get();
        LOG.info("Maven resolver ready: cache {}, user repository {}", cache,
                localRepositories.size() > 1 ? localRepositories.get(1).getBasePath() + " (read-only)" : "none");
    }

    @Deactivate
    void close() {
        system.shutdown();
        LOG.info("Maven resolver closed");
    }

    @Override
    public ResolvedClosure resolve(MavenRequest request, ResolutionListener listener) {
        CollectRequest collect = requests.collectRequest(request);
        ClassLoader caller = Thread.currentThread().getContextClassLoader();
        // Parts of the resolver (HTTP client, model builder) look up resources through the context class loader.
        Thread.currentThread().setContextClassLoader(getClass().getClassLoader());
        long started = System.nanoTime();
        try (CloseableSession session = session(listener)) {
            collect.setRepositories(system.newResolutionRepositories(session, collect.getRepositories()));
            List<ArtifactResult> results = system
                    .resolveDependencies(session,
                            new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME)))
                    .getArtifactResults();
            ResolvedClosure closure = new ResolvedClosure(
                    results.stream().map(r -> resolved(r.getArtifact())).toList());
            LOG.debug("Resolved {} into {} artifacts in {} ms", request.coordinates(), closure.artifacts().size(),
                    (System.nanoTime() - started) / 1_000_000);
            return closure;
        } catch (DependencyResolutionException e) {
            throw ResolutionFailures.translate(e);
        } finally {
            Thread.currentThread().setContextClassLoader(caller);
        }
    }

    private CloseableSession session(ResolutionListener listener) {
        RepositorySystemSession.SessionBuilder builder = new SessionBuilderSupplier(system).get();
        return builder.withLocalRepositories(localRepositories).setChecksumPolicy(RepositoryPolicy.CHECKSUM_POLICY_FAIL)
                .setResolutionErrorPolicy(new SimpleResolutionErrorPolicy(ResolutionErrorPolicy.CACHE_DISABLED))
                .setTransferListener(new ProgressReporter(listener))
                // Profile activation in POMs (jdk, os) reads the JVM's properties, as in Maven itself.
                .setSystemProperties(System.getProperties())
                .setConfigProperty("aether.connector.connectTimeout", config.connectTimeoutSeconds() * 1000)
                .setConfigProperty("aether.connector.requestTimeout", config.requestTimeoutSeconds() * 1000)
                // Several platforms and tests on one machine share a cache: lock across processes.
                .setConfigProperty("aether.syncContext.named.factory", "file-lock")
                .setConfigProperty("aether.syncContext.named.nameMapper", "file-gav").build();
    }

    private ResolvedArtifact resolved(Artifact artifact) {
        Path file = artifact.getPath();
        return new ResolvedArtifact(artifact.toString(), file, sha1s.of(file));
    }

    /** {@code ~/x} is {@code x} under the user's home; a missing folder is no repository. */
    private static Optional<Path> userRepository(String configured) {
        if (configured.isBlank()) {
            return Optional.empty();
        }
        // The JVM's own notion of the user's home, as Maven has it: not a configuration property of ours.
        Path path = configured.startsWith("~/") ? Path.of(System.getProperty("user.home"), configured.substring(2))
                : Path.of(configured);
        return Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
    }
}
