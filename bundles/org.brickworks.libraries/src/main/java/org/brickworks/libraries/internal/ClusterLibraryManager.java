package org.brickworks.libraries.internal;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.brickworks.clusters.api.ClusterListener;
import org.brickworks.clusters.api.ClusterService;
import org.brickworks.clusters.api.DriverConfigurer;
import org.brickworks.clusters.api.dto.ClusterInfo;
import org.brickworks.clusters.api.dto.ClusterState;
import org.brickworks.core.api.Awaiting;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.core.api.PlatformInfo;
import org.brickworks.execution.api.DriverLibraries;
import org.brickworks.execution.api.NotebookLibraryResolver;
import org.brickworks.execution.api.dto.NotebookLibraries;
import org.brickworks.libraries.api.ClusterLibraryService;
import org.brickworks.libraries.api.LibraryFileSource;
import org.brickworks.libraries.api.dto.ClusterLibraryStatuses;
import org.brickworks.libraries.api.dto.Library;
import org.brickworks.libraries.api.dto.LibraryCache;
import org.brickworks.libraries.api.dto.LibraryState;
import org.brickworks.libraries.internal.LibraryRecords.StoredLibrary;
import org.brickworks.store.api.Store;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ClusterLibraryService}: libraries in the store, resolved into the library caches and handed to running
 * drivers through {@link DriverLibraries}, on {@code install} at once and again whenever a cluster turns RUNNING
 * (it hears that as a {@link ClusterListener}). On activation it installs the libraries of every running cluster
 * again (a driver ignores what it has), so an update of this bundle loses nothing. As a
 * {@link NotebookLibraryResolver} it resolves notebook-scoped installs ({@link NotebookInstalls}) with the same caches.
 */
@Component(service = { ClusterLibraryService.class, ClusterListener.class, NotebookLibraryResolver.class,
        DriverConfigurer.class },
        configurationPid = { "org.brickworks.libraries.maven", "org.brickworks.libraries" })
public class ClusterLibraryManager implements ClusterLibraryService, ClusterListener, NotebookLibraryResolver,
        DriverConfigurer {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterLibraryManager.class);

    private final ClusterService clusters;
    private final DriverLibraries drivers;
    private final ServiceTracker<ClusterService, ClusterService> clustersTracker;
    private final ServiceTracker<DriverLibraries, DriverLibraries> driversTracker;
    private final LibraryRecords records;
    private final LibraryStatuses statuses = new LibraryStatuses();
    private final MavenEngine engine;
    private final LibraryResolution resolution;
    private final Path cacheRoot;
    private final PypiInstaller pypi;
    private final NotebookInstalls notebookInstalls;
    private final ExecutorService installs;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + LibraryFileSource.SCHEME_PROPERTY + "=dbfs)")
    private volatile LibraryFileSource dbfs;

    @Activate
    public ClusterLibraryManager(@Reference(target = Store.SHARED) Store store, BundleContext context,
            MavenResolverConfig maven, LibrariesConfig config) {
        // The clusters and the drivers' channel are tracked, not referenced: a reference would restart this
        // component whenever the clusters or execution bundle is updated; a call waits for the new provider instead.
        clustersTracker = new ServiceTracker<>(context, ClusterService.class, null);
        driversTracker = new ServiceTracker<>(context, DriverLibraries.class, null);
        clustersTracker.open();
        driversTracker.open();
        this.clusters = Awaiting.proxy(clustersTracker, ClusterService.class, "clusters");
        this.drivers = Awaiting.proxy(driversTracker, DriverLibraries.class, "driver libraries");
        this.records = new LibraryRecords(store);
        Path dataDirectory = PlatformInfo.dataDirectoryOf(context);
        this.cacheRoot = config.libraryCacheDirectory().isBlank()
                ? dataDirectory.resolve("cache/libraries")
                : Path.of(config.libraryCacheDirectory());
        this.engine = new MavenEngine(maven);
        this.pypi = new PypiInstaller(cacheRoot.resolve("pypi"), config.python(), config.pipIndexUrl().strip(),
                Duration.ofSeconds(Math.max(1, config.pipTimeoutSeconds())));
        List<Path> readOnly = new ArrayList<>();
        if (config.readLocalRepositories()) {
            readOnly.add(CachedMavenResolver.cacheDirectory(dataDirectory, maven));
            CachedMavenResolver.userRepository(maven.userRepository()).ifPresent(readOnly::add);
        }
        this.resolution = new LibraryResolution(engine, cacheRoot.resolve("maven"), readOnly, pypi,
                cacheRoot.resolve("files"), () -> dbfs);
        this.notebookInstalls = new NotebookInstalls(resolution::resolve);
        AtomicInteger threads = new AtomicInteger();
        this.installs = Executors.newFixedThreadPool(Math.max(1, config.installThreads()), task -> {
            Thread thread = new Thread(task, "brickworks-library-install-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // Off the activation: the clusters service may start after this one.
        installs.execute(() -> {
            try {
                for (ClusterInfo cluster : clusters.list()) {
                    if (cluster.state() == ClusterState.RUNNING) {
                        installAll(cluster.clusterId());
                    }
                }
            } catch (BrickworksException e) {
                LOG.warn("Libraries of running clusters not installed at start: {}", e.getMessage());
            }
        });
        LOG.info("Cluster libraries ready: cache {}", cacheRoot);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        clustersTracker.close();
        driversTracker.close();
        installs.shutdownNow();
        installs.awaitTermination(10, TimeUnit.SECONDS);
        engine.close();
    }

    @Override
    public void install(String clusterId, List<Library> libraries) {
        ClusterInfo cluster = clusters.get(clusterId);
        if (libraries == null || libraries.isEmpty()) {
            throw BrickworksException.invalidParameter("Missing required field: libraries");
        }
        libraries.forEach(LibraryResolution::validate);
        records.add(clusterId, libraries);
        List<Library> fresh = libraries.stream().distinct()
                .filter(l -> statuses.state(clusterId, l) != LibraryState.INSTALLED).toList();
        fresh.forEach(library -> statuses.set(clusterId, library, LibraryState.PENDING));
        if (cluster.state() == ClusterState.RUNNING && !fresh.isEmpty()) {
            installs.execute(() -> installNow(clusterId, fresh));
        }
    }

    @Override
    public void uninstall(String clusterId, List<Library> libraries) {
        ClusterInfo cluster = clusters.get(clusterId);
        records.markUninstall(clusterId, libraries);
        if (cluster.state() != ClusterState.RUNNING) {
            records.forgetUninstalled(clusterId);
        }
    }

    @Override
    public ClusterLibraryStatuses clusterStatus(String clusterId) {
        clusters.get(clusterId);
        return new ClusterLibraryStatuses(clusterId, statuses.of(clusterId, records.list(clusterId)));
    }

    @Override
    public List<ClusterLibraryStatuses> allClusterStatuses() {
        Set<String> existing = clusters.list().stream().map(ClusterInfo::clusterId).collect(Collectors.toSet());
        List<ClusterLibraryStatuses> all = new ArrayList<>();
        for (Map.Entry<String, List<StoredLibrary>> cluster : records.all().entrySet()) {
            if (existing.contains(cluster.getKey())) {
                all.add(new ClusterLibraryStatuses(cluster.getKey(),
                        statuses.of(cluster.getKey(), cluster.getValue())));
            } else {
                records.forgetCluster(cluster.getKey());
                statuses.forget(cluster.getKey());
            }
        }
        return all;
    }

    @Override
    public List<Path> resolve(Library library) {
        LibraryResolution.Resolved resolved = resolution.resolve(library);
        List<Path> files = new ArrayList<>(resolved.jars());
        files.addAll(resolved.pythonPaths());
        return files;
    }

    @Override
    public Optional<NotebookLibraries> resolve(String language, String command) {
        return notebookInstalls.resolve(language, command);
    }

    /**
     * Executors' Python path ({@code spark.executorEnv.PYTHONPATH}, which Spark gives executors it launches on workers)
     * holds the cluster's PyPI libraries installed before, as executors start with the application: a library
     * installed while the cluster runs reaches them at its next start. Local executors run in the driver's JVM.
     */
    @Override
    public Map<String, String> sparkConf(String clusterId) {
        List<String> folders = records.list(clusterId).stream()
                .filter(l -> !l.uninstall() && l.library().pypi() != null)
                .map(l -> pypi.installed(l.library().pypi().packageSpec(), l.library().pypi().repo()))
                .flatMap(Optional::stream).map(Path::toString).toList();
        return folders.isEmpty() ? Map.of()
                : Map.of("spark.executorEnv.PYTHONPATH", String.join(File.pathSeparator, folders));
    }

    @Override
    public List<LibraryCache> caches() {
        return List.of(LibraryCaches.measure("maven", cacheRoot.resolve("maven")),
                LibraryCaches.measure("pypi", cacheRoot.resolve("pypi")),
                LibraryCaches.measure("files", cacheRoot.resolve("files")));
    }

    @Override
    public List<LibraryCache> purgeCaches() {
        List<LibraryCache> before = caches();
        before.forEach(cache -> MavenEngine.deleteTree(cache.directory()));
        LOG.info("Library caches purged: {}", before);
        return before;
    }

    @Override
    public void clusterChanged(ClusterInfo cluster) {
        String clusterId = cluster.clusterId();
        if (cluster.state() == ClusterState.RUNNING) {
            records.forgetUninstalled(clusterId);
            installAll(clusterId);
        } else {
            // The driver is gone or going: nothing is installed any more, uninstalled libraries are forgotten.
            records.list(clusterId).forEach(l -> statuses.set(clusterId, l.library(), LibraryState.PENDING));
            records.forgetUninstalled(clusterId);
        }
    }

    private void installAll(String clusterId) {
        List<Library> libraries = records.list(clusterId).stream().filter(l -> !l.uninstall())
                .map(StoredLibrary::library).toList();
        libraries.forEach(library -> statuses.set(clusterId, library, LibraryState.PENDING));
        if (!libraries.isEmpty()) {
            installs.execute(() -> installNow(clusterId, libraries));
        }
    }

    /** Resolves each library (a failure fails that one only), then hands the others to the driver at once. */
    private void installNow(String clusterId, List<Library> libraries) {
        long began = System.nanoTime();
        List<Library> resolvedLibraries = new ArrayList<>();
        List<Path> jars = new ArrayList<>();
        List<Path> pythonPaths = new ArrayList<>();
        for (Library library : libraries) {
            statuses.set(clusterId, library, LibraryState.RESOLVING);
            try {
                LibraryResolution.Resolved resolved = resolution.resolve(library);
                jars.addAll(resolved.jars());
                pythonPaths.addAll(resolved.pythonPaths());
                resolvedLibraries.add(library);
                statuses.set(clusterId, library, LibraryState.INSTALLING);
            } catch (RuntimeException e) {
                LOG.info("Library {} failed on cluster {}: {}", library.describe(), clusterId, e.getMessage());
                statuses.set(clusterId, library, LibraryState.FAILED, String.valueOf(e.getMessage()));
            }
        }
        if (resolvedLibraries.isEmpty()) {
            return;
        }
        try {
            drivers.add(clusterId, jars.stream().distinct().toList(), pythonPaths.stream().distinct().toList());
            resolvedLibraries.forEach(library -> statuses.set(clusterId, library, LibraryState.INSTALLED));
            LOG.info("Installed {} libraries on cluster {} in {} ms", resolvedLibraries.size(), clusterId,
                    (System.nanoTime() - began) / 1_000_000);
        } catch (BrickworksException e) {
            // A cluster that stopped meanwhile installs them at its next start.
            LibraryState state = e.errorCode() == ErrorCode.INVALID_STATE ? LibraryState.PENDING : LibraryState.FAILED;
            resolvedLibraries.forEach(library -> statuses.set(clusterId, library, state,
                    state == LibraryState.FAILED ? new String[] { e.getMessage() } : new String[0]));
        }
    }
}
