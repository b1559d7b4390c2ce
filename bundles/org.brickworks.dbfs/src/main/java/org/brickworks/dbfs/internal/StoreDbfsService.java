package org.brickworks.dbfs.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.brickworks.core.api.PlatformInfo;
import org.brickworks.core.api.TrackedServices;
import org.brickworks.dbfs.api.DbfsService;
import org.brickworks.dbfs.api.StorageBackend;
import org.brickworks.dbfs.api.dto.FileInfo;
import org.brickworks.dbfs.api.dto.MountInfo;
import org.brickworks.dbfs.api.dto.MountSpec;
import org.brickworks.execution.api.DriverMounts;
import org.brickworks.execution.api.dto.DriverMount;
import org.brickworks.secrets.api.CredentialSealer;
import org.brickworks.store.api.Store;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DBFS service: the local root ({@code <data>/dbfs} unless configured), mounts kept in the store over the
 * {@link StorageBackend}s registered (whiteboard, by {@value StorageBackend#SCHEME_PROPERTY}), and a sweeper dropping
 * idle uploads. The local root and the whole mount table go to the drivers through {@link DriverMounts} when that
 * service comes (also after an update of either bundle) and after every mount change. The mounts' credentials are
 * sealed by the secrets area's {@link CredentialSealer}, tracked rather than referenced (an update of the secrets
 * bundle restarts nothing here): the mount table is read in the background, waiting for the sealer if needed.
 */
@Component(service = DbfsService.class, configurationPid = "org.brickworks.dbfs")
@Designate(ocd = DbfsConfig.class)
public class StoreDbfsService implements DbfsService {
    private static final Logger LOG = LoggerFactory.getLogger(StoreDbfsService.class);

    private final Path root;
    private final MountTable mountTable;
    private final UploadHandles handles;
    private final ReadCursors cursors = new ReadCursors(Duration.ofSeconds(30), 64, System::nanoTime);
    private final DbfsNamespace namespace;
    private volatile DriverMounts driverMounts;
    private final AutoCloseable tracked;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "brickworks-dbfs-uploads");
        thread.setDaemon(true);
        return thread;
    });

    /** The data directory is read from the framework, so that an update of the core bundle leaves DBFS up. */
    @Activate
    public StoreDbfsService(@Reference(target = Store.SHARED) Store store, BundleContext context, DbfsConfig config)
            throws IOException {
        this(store, PlatformInfo.dataDirectoryOf(context), config, new TrackedServices(context));
    }

    private StoreDbfsService(Store store, Path dataDirectory, DbfsConfig config, TrackedServices services)
            throws IOException {
        this(store, dataDirectory, config, () -> services.await(CredentialSealer.class, "secrets (credentials)"),
                services);
    }

    StoreDbfsService(Store store, Path dataDirectory, DbfsConfig config, Supplier<CredentialSealer> sealer,
            AutoCloseable tracked) throws IOException {
        this.tracked = tracked;
        LocalStorage local = new LocalStorage(
                config.root().isBlank() ? dataDirectory.resolve("dbfs") : Path.of(config.root()));
        local.clearStaging();
        this.root = local.root();
        mountTable = new MountTable(new StoreMountRecords(store, sealer), this::mountsChanged);
        Duration timeout = Duration.ofSeconds(Math.max(1, config.handleTimeoutSeconds()));
        handles = new UploadHandles(timeout, System::nanoTime);
        namespace = new DbfsNamespace(local, mountTable, handles, cursors);
        long every = Math.max(1, timeout.toSeconds() / 4);
        sweeper.scheduleWithFixedDelay(handles::expire, every, every, TimeUnit.SECONDS);
        sweeper.scheduleWithFixedDelay(cursors::expire, 10, 10, TimeUnit.SECONDS);
        sweeper.execute(this::loadMounts);
        LOG.info("DBFS root at {}", local.root());
    }

    /** Reads the mount table (unsealing needs the secrets service), then hands it to the drivers; retried. */
    private void loadMounts() {
        try {
            mountTable.load();
            LOG.info("DBFS has {} mounts", mountTable.list().size());
        } catch (RuntimeException e) {
            if (sweeper.isShutdown()) {
                return; // deactivated while waiting
            }
            LOG.warn("Could not read the DBFS mounts yet; trying again in 5 s", e);
            sweeper.schedule(this::loadMounts, 5, TimeUnit.SECONDS);
            return;
        }
        DriverMounts mounts = driverMounts;
        if (mounts != null) {
            publish(mounts, mountTable.specs());
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDriverMounts(DriverMounts mounts) {
        driverMounts = mounts;
        // before the table is read, loadMounts publishes it
        if (mountTable.isLoaded()) {
            publish(mounts, mountTable.specs());
        }
    }

    void unbindDriverMounts(DriverMounts mounts) {
        if (driverMounts == mounts) {
            driverMounts = null;
        }
    }

    private void mountsChanged(List<MountSpec> specs) {
        DriverMounts mounts = driverMounts;
        if (mounts != null) {
            publish(mounts, specs);
        }
    }

    /** The mount is made either way: a driver that misses the table gets it at its next start. */
    private void publish(DriverMounts mounts, List<MountSpec> specs) {
        try {
            mounts.publish(root, specs.stream()
                    .map(spec -> new DriverMount(spec.source(), spec.mountPoint(), spec.extraConfigs())).toList());
        } catch (RuntimeException e) {
            LOG.warn("The drivers did not get the mount table; they get it at their next start", e);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindStorageBackend(StorageBackend backend, Map<String, Object> properties) {
        schemes(properties).forEach(scheme -> mountTable.addBackend(scheme, backend));
    }

    void unbindStorageBackend(StorageBackend backend, Map<String, Object> properties) {
        schemes(properties).forEach(scheme -> mountTable.removeBackend(scheme, backend));
    }

    private static List<String> schemes(Map<String, Object> properties) {
        Object value = properties.get(StorageBackend.SCHEME_PROPERTY);
        if (value instanceof String scheme) {
            return List.of(scheme.toLowerCase());
        }
        if (value instanceof String[] schemes) {
            return List.of(schemes).stream().map(String::toLowerCase).toList();
        }
        if (value instanceof Collection<?> schemes) {
            return schemes.stream().map(s -> String.valueOf(s).toLowerCase()).toList();
        }
        LOG.warn("A storage backend without {} is ignored: {}", StorageBackend.SCHEME_PROPERTY, properties);
        return List.of();
    }

    @Deactivate
    void deactivate() {
        sweeper.shutdownNow();
        handles.abortAll();
        cursors.closeAll();
        mountTable.closeAll();
        try {
            tracked.close();
        } catch (Exception e) {
            LOG.warn("Could not stop tracking the secrets service", e);
        }
    }

    @Override
    public void put(String path, InputStream contents, boolean overwrite) {
        namespace.put(path, contents, overwrite);
    }

    @Override
    public long create(String path, boolean overwrite) {
        return namespace.create(path, overwrite);
    }

    @Override
    public void addBlock(long handle, byte[] data) {
        namespace.addBlock(handle, data);
    }

    @Override
    public void close(long handle) {
        namespace.close(handle);
    }

    @Override
    public byte[] read(String path, long offset, int length) {
        return namespace.read(path, offset, length);
    }

    @Override
    public InputStream open(String path) {
        return namespace.open(path);
    }

    @Override
    public List<FileInfo> list(String path) {
        return namespace.list(path);
    }

    @Override
    public FileInfo getStatus(String path) {
        return namespace.getStatus(path);
    }

    @Override
    public void mkdirs(String path) {
        namespace.mkdirs(path);
    }

    @Override
    public void delete(String path, boolean recursive) {
        namespace.delete(path, recursive);
    }

    @Override
    public void move(String source, String destination) {
        namespace.move(source, destination);
    }

    @Override
    public void mount(MountSpec spec) {
        namespace.mount(spec);
    }

    @Override
    public void unmount(String mountPoint) {
        namespace.unmount(mountPoint);
    }

    @Override
    public List<MountInfo> mounts() {
        return namespace.mounts();
    }
}
