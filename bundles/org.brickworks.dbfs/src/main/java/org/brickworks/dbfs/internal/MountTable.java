package org.brickworks.dbfs.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.brickworks.core.api.Awaiting;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.dbfs.api.Storage;
import org.brickworks.dbfs.api.StorageBackend;
import org.brickworks.dbfs.api.dto.MountInfo;
import org.brickworks.dbfs.api.dto.MountSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mounts ({@code /mnt/<name>} to a source URI and its settings), kept by {@link Records}, and the storage backends
 * by URI scheme. A mount's {@link Storage} is opened on first use and closed when its backend goes; mounts whose
 * backend is missing stay recorded and answer TEMPORARILY_UNAVAILABLE until it comes back. {@code changed} gets the
 * mounts after every mount or unmount. The recorded mounts are read by {@link #load} (their credentials are sealed,
 * so reading them may wait for the secrets area); calls that need the mounts wait for it meanwhile.
 */
final class MountTable {
    private static final Logger LOG = LoggerFactory.getLogger(MountTable.class);
    private static final DbfsPath MNT = DbfsPath.of("/mnt");

    /** Where mounts are kept between runs. */
    interface Records {
        List<MountSpec> load();

        void insert(MountSpec spec);

        void delete(String mountPoint);
    }

    /** A path inside a mount: the mount point, its storage and the path below it. */
    record Resolved(DbfsPath mountPoint, Storage storage, String relative) {
    }

    private final Records records;
    private final Consumer<List<MountSpec>> changed;
    private final Map<String, MountSpec> mounts = new ConcurrentSkipListMap<>();
    private final Map<String, StorageBackend> backends = new ConcurrentHashMap<>();
    private final Map<String, Storage> opened = new ConcurrentHashMap<>();
    private final CountDownLatch loaded = new CountDownLatch(1);

    MountTable(Records records, Consumer<List<MountSpec>> changed) {
        this.records = records;
        this.changed = changed;
    }

    /** Reads the recorded mounts once; until then the calls that need them wait. */
    synchronized void load() {
        if (isLoaded()) {
            return;
        }
        records.load().forEach(spec -> mounts.put(spec.mountPoint(), spec));
        loaded.countDown();
    }

    boolean isLoaded() {
        return loaded.getCount() == 0;
    }

    private void awaitLoaded() {
        try {
            if (loaded.await(Awaiting.DEFAULT_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new BrickworksException(ErrorCode.TEMPORARILY_UNAVAILABLE, "The DBFS mounts are not read yet (their"
                + " credentials wait for the secrets service); try again shortly");
    }

    void addBackend(String scheme, StorageBackend backend) {
        backends.put(scheme, backend);
    }

    void removeBackend(String scheme, StorageBackend backend) {
        if (backends.remove(scheme, backend)) {
            mounts.values().stream().filter(spec -> scheme.equals(scheme(spec.source()))).forEach(this::closeStorage);
        }
    }

    void mount(MountSpec spec) {
        awaitLoaded();
        mountLoaded(spec);
    }

    private synchronized void mountLoaded(MountSpec spec) {
        DbfsPath point = mountPoint(spec.mountPoint());
        for (String other : mounts.keySet()) {
            DbfsPath existing = DbfsPath.of(other);
            if (point.startsWith(existing) || existing.startsWith(point)) {
                throw new BrickworksException(ErrorCode.RESOURCE_ALREADY_EXISTS, "Cannot mount at " + point + ": "
                        + (existing.equals(point) ? "it is mounted already" : "it overlaps the mount " + existing));
            }
        }
        MountSpec normalised = new MountSpec(spec.source(), point.toString(), spec.extraConfigs());
        Storage storage = backend(spec.source()).open(uri(spec.source()), spec.extraConfigs());
        records.insert(normalised);
        opened.put(normalised.mountPoint(), storage);
        mounts.put(normalised.mountPoint(), normalised);
        LOG.info("Mounted {} at {}", normalised.source(), normalised.mountPoint());
        changed.accept(specs());
    }

    void unmount(String mountPoint) {
        awaitLoaded();
        unmountLoaded(mountPoint);
    }

    private synchronized void unmountLoaded(String mountPoint) {
        DbfsPath point = DbfsPath.of(mountPoint);
        MountSpec spec = mounts.remove(point.toString());
        if (spec == null) {
            throw BrickworksException.notFound("Nothing is mounted at " + point);
        }
        records.delete(spec.mountPoint());
        closeStorage(spec);
        LOG.info("Unmounted {}", spec.mountPoint());
        changed.accept(specs());
    }

    List<MountInfo> list() {
        awaitLoaded();
        return mounts.values().stream().map(spec -> new MountInfo(spec.mountPoint(), spec.source())).toList();
    }

    /** The mounts with their settings: for the drivers' mount table only. */
    List<MountSpec> specs() {
        awaitLoaded();
        return List.copyOf(mounts.values());
    }

    List<DbfsPath> mountPoints() {
        awaitLoaded();
        return mounts.keySet().stream().map(DbfsPath::of).toList();
    }

    /** The mount {@code path} lies in, if any. */
    Optional<Resolved> resolve(DbfsPath path) {
        if (!path.startsWith(MNT)) {
            return Optional.empty();
        }
        awaitLoaded();
        for (MountSpec spec : mounts.values()) {
            DbfsPath point = DbfsPath.of(spec.mountPoint());
            if (path.startsWith(point)) {
                return Optional.of(new Resolved(point, storage(spec), path.relativeTo(point)));
            }
        }
        return Optional.empty();
    }

    void closeAll() {
        new ArrayList<>(mounts.values()).forEach(this::closeStorage);
    }

    private Storage storage(MountSpec spec) {
        return opened.computeIfAbsent(spec.mountPoint(),
                point -> backend(spec.source()).open(uri(spec.source()), spec.extraConfigs()));
    }

    private void closeStorage(MountSpec spec) {
        Storage storage = opened.remove(spec.mountPoint());
        if (storage != null) {
            storage.close();
        }
    }

    private StorageBackend backend(String source) {
        String scheme = scheme(source);
        StorageBackend backend = backends.get(scheme);
        if (backend == null) {
            throw new BrickworksException(mounts.values().stream().anyMatch(m -> m.source().equals(source))
                    ? ErrorCode.TEMPORARILY_UNAVAILABLE : ErrorCode.INVALID_PARAMETER_VALUE,
                    "No storage backend serves " + scheme + ": sources; installed: " + backends.keySet());
        }
        return backend;
    }

    private static DbfsPath mountPoint(String raw) {
        DbfsPath point = DbfsPath.of(raw);
        if (point.segments().size() < 2 || !point.startsWith(MNT)) {
            throw BrickworksException.invalidParameter("Invalid mount point " + raw + ": mount points are /mnt/<name>");
        }
        return point;
    }

    private static String scheme(String source) {
        String scheme = uri(source).getScheme();
        return scheme == null ? "" : scheme.toLowerCase();
    }

    private static URI uri(String source) {
        try {
            URI uri = new URI(source == null ? "" : source);
            if (uri.getScheme() == null) {
                throw BrickworksException.invalidParameter("Invalid source " + source + ": a URI with a scheme, as"
                        + " wasbs://container@account.blob.core.windows.net/path, is required");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw BrickworksException.invalidParameter("Invalid source " + source + ": " + e.getReason());
        }
    }
}
