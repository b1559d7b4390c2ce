package org.brickworks.libraries.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache Maven Resolver set up once from a {@link MavenResolverConfig}: resolves a request into a cache directory,
 * reading other local repositories (read-only) first. Nothing half-downloaded ever reaches the cache: a resolution
 * downloads into a staging folder of its own (beside the cache, same file system), and only a resolution that
 * succeeded moves its files into the cache; a failed one leaves none. POMs are fetched in parallel (the breadth-first
 * collector) and jars too (the basic connector's threads). The repository system (about a thousand classes, an HTTP
 * client) is made at the first resolution that needs it, not at start: a closure already in the index needs none.
 * Thread-safe.
 */
final class MavenEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MavenEngine.class);
    private static final String STAGING = ".staging";

    private RepositorySystem system;
    private boolean closed;
    private final MavenResolverConfig config;
    private final RepositorySettings settings;
    private final MavenRequests requests;
    private final Sha1Cache sha1s = new Sha1Cache();
    private final Map<Path, ClosureIndex> indexes = new ConcurrentHashMap<>();

    MavenEngine(MavenResolverConfig config) {
        this.config = config;
        this.settings = new RepositorySettings(config);
        this.requests = new MavenRequests(config.centralUrl(), settings.repositories());
    }

    /**
     * Resolves {@code request} into {@code cache}, looking into {@code readOnly} local repositories (in order) before
     * downloading. The returned files are in {@code cache} or in one of {@code readOnly}.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             as {@link org.brickworks.libraries.api.MavenResolver#resolve}
     */
    ResolvedClosure resolve(MavenRequest request, ResolutionListener listener, Path cache, List<Path> readOnly) {
        CollectRequest collect = requests.collectRequest(request);
        ClosureIndex index = indexes.computeIfAbsent(cache, ClosureIndex::new);
        List<Path> roots = new ArrayList<>(List.of(cache));
        roots.addAll(readOnly);
        boolean indexable = ClosureIndex.indexable(request);
        if (indexable) {
            Optional<ResolvedClosure> known = index.find(request, roots);
            if (known.isPresent()) {
                return known.get();
            }
        }
        ResolvedClosure closure = resolveNow(request, collect, listener, cache, readOnly);
        if (indexable) {
            index.remember(request, roots, closure);
        }
        return closure;
    }

    private ResolvedClosure resolveNow(MavenRequest request, CollectRequest collect, ResolutionListener listener,
            Path cache, List<Path> readOnly) {
        Path staging = cache.resolve(STAGING).resolve(UUID.randomUUID().toString());
        ClassLoader caller = Thread.currentThread().getContextClassLoader();
        // Parts of the resolver (HTTP client, model builder) look up resources through the context class loader.
        Thread.currentThread().setContextClassLoader(getClass().getClassLoader());
        long started = System.nanoTime();
        try (CloseableSession session = session(listener, staging, cache, readOnly)) {
            Files.createDirectories(staging);
            collect.setRepositories(system().newResolutionRepositories(session, collect.getRepositories()));
            List<ArtifactResult> results = system()
                    .resolveDependencies(session,
                            new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME)))
                    .getArtifactResults();
            int moved = publish(staging, cache);
            ResolvedClosure closure = new ResolvedClosure(
                    results.stream().map(r -> resolved(r.getArtifact(), staging, cache)).toList());
            LOG.debug("Resolved {} into {} artifacts in {} ms ({} new files)", request.coordinates(),
                    closure.artifacts().size(), (System.nanoTime() - started) / 1_000_000, moved);
            return closure;
        } catch (DependencyResolutionException e) {
            throw ResolutionFailures.translate(e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the Maven cache " + cache, e);
        } finally {
            Thread.currentThread().setContextClassLoader(caller);
            deleteTree(staging);
        }
    }

    private synchronized RepositorySystem system() {
        if (closed) {
            throw new IllegalStateException("The Maven resolver is closed");
        }
        if (system == null) {
            system = new RepositorySystemSupplier().get();
        }
        return system;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (system != null) {
            system.shutdown();
        }
    }

    private CloseableSession session(ResolutionListener listener, Path staging, Path cache, List<Path> readOnly) {
        List<LocalRepository> locals = new ArrayList<>();
        locals.add(new LocalRepository(staging, "simple"));
        locals.add(new LocalRepository(cache, "simple"));
        readOnly.forEach(path -> locals.add(new LocalRepository(path, "simple")));
        int threads = Math.max(1, config.downloadThreads());
        RepositorySystemSession.SessionBuilder builder = new SessionBuilderSupplier(system()).get();
        return builder.withLocalRepositories(locals).setChecksumPolicy(RepositoryPolicy.CHECKSUM_POLICY_FAIL)
                .setResolutionErrorPolicy(new SimpleResolutionErrorPolicy(ResolutionErrorPolicy.CACHE_DISABLED))
                .setTransferListener(new ProgressReporter(listener))
                .setMirrorSelector(settings.mirrorSelector())
                .setAuthenticationSelector(settings.authenticationSelector())
                // Profile activation in POMs (jdk, os) reads the JVM's properties, as in Maven itself.
                .setSystemProperties(System.getProperties())
                .setConfigProperty("aether.connector.connectTimeout", config.connectTimeoutSeconds() * 1000)
                .setConfigProperty("aether.connector.requestTimeout", config.requestTimeoutSeconds() * 1000)
                // Cold resolution is bound by round trips: POMs breadth-first in parallel, jars in parallel.
                .setConfigProperty("aether.dependencyCollector.impl", "bf")
                .setConfigProperty("aether.dependencyCollector.bf.threads", threads)
                .setConfigProperty("aether.connector.basic.threads", threads)
                .setConfigProperty("aether.connector.basic.downstreamThreads", threads)
                // Several platforms and tests on one machine share a cache: lock across processes.
                .setConfigProperty("aether.syncContext.named.factory", "file-lock")
                .setConfigProperty("aether.syncContext.named.nameMapper", "file-gav").build();
    }

    /** Moves what a successful resolution downloaded from {@code staging} into {@code cache}; returns the count. */
    private static int publish(Path staging, Path cache) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(staging)) {
            files = walk.filter(Files::isRegularFile).filter(MavenEngine::isRepositoryContent).toList();
        }
        for (Path file : files) {
            Path target = cache.resolve(staging.relativize(file).toString());
            Files.createDirectories(target.getParent());
            // Rename within one file system: a reader sees the old file or the new one, never a partial one.
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return files.size();
    }

    /** Artifacts, POMs, checksums and metadata; not the resolver's bookkeeping of failed lookups or its locks. */
    private static boolean isRepositoryContent(Path file) {
        String name = file.getFileName().toString();
        return !name.endsWith(".lastUpdated") && !name.equals("resolver-status.properties")
                && !file.toString().contains("/.locks/");
    }

    private ResolvedArtifact resolved(Artifact artifact, Path staging, Path cache) {
        Path file = artifact.getPath();
        if (file.startsWith(staging)) {
            file = cache.resolve(staging.relativize(file).toString());
        }
        return new ResolvedArtifact(artifact.toString(), file, sha1s.of(file));
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("Could not delete {} entirely: {}", root, e.toString());
        }
    }
}
