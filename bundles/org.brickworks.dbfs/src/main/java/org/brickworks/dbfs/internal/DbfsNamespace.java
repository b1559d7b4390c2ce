package org.brickworks.dbfs.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.dbfs.api.DbfsService;
import org.brickworks.dbfs.api.Storage;
import org.brickworks.dbfs.api.dto.FileInfo;
import org.brickworks.dbfs.api.dto.MountInfo;
import org.brickworks.dbfs.api.dto.MountSpec;

/**
 * The DBFS namespace over the local root and the mounts: resolves each path to one {@link Storage}, checks Databricks'
 * preconditions (existence, kinds, sizes) and turns storage failures into error codes. See {@link DbfsService}.
 */
final class DbfsNamespace implements DbfsService {
    private final LocalStorage local;
    private final MountTable mounts;
    private final UploadHandles handles;
    private final ReadCursors cursors;

    DbfsNamespace(LocalStorage local, MountTable mounts, UploadHandles handles, ReadCursors cursors) {
        this.local = local;
        this.mounts = mounts;
        this.handles = handles;
        this.cursors = cursors;
    }

    /** A path's storage and its path there. */
    private record Target(DbfsPath path, DbfsPath base, Storage storage, String relative) {
        FileInfo absolute(FileInfo info) {
            return new FileInfo(base.child(info.path()).toString(), info.isDir(), info.fileSize(),
                    info.modificationTime());
        }
    }

    private Target target(DbfsPath path) {
        return mounts.resolve(path).map(m -> new Target(path, m.mountPoint(), m.storage(), m.relative()))
                .orElseGet(() -> new Target(path, DbfsPath.ROOT, local, path.relativeTo(DbfsPath.ROOT)));
    }

    @Override
    public void put(String path, InputStream contents, boolean overwrite) {
        Target target = writable(DbfsPath.of(path), overwrite);
        io(target.path, () -> {
            Storage.Upload upload = target.storage.create(target.relative);
            try {
                byte[] buffer = new byte[1 << 16];
                for (int read; (read = contents.read(buffer)) >= 0;) {
                    upload.write(buffer, 0, read);
                }
                finish(target, upload, overwrite);
            } catch (IOException | RuntimeException e) {
                upload.abort();
                throw e;
            }
            return null;
        });
    }

    @Override
    public long create(String path, boolean overwrite) {
        Target target = writable(DbfsPath.of(path), overwrite);
        Storage.Upload upload = io(target.path, () -> target.storage.create(target.relative));
        return handles.open(new UploadHandles.Pending() {
            @Override
            public Storage.Upload upload() {
                return upload;
            }

            @Override
            public void finish() throws IOException {
                DbfsNamespace.this.finish(target, upload, overwrite);
            }
        });
    }

    @Override
    public void addBlock(long handle, byte[] data) {
        if (data.length > MAX_BLOCK_BYTES) {
            throw new BrickworksException(ErrorCode.MAX_BLOCK_SIZE_EXCEEDED, "A block holds at most "
                    + MAX_BLOCK_BYTES + " bytes, got " + data.length);
        }
        io(null, () -> {
            handles.write(handle, data);
            return null;
        });
    }

    @Override
    public void close(long handle) {
        io(null, () -> {
            handles.finish(handle);
            return null;
        });
    }

    /** Commits an upload, checking again that it may replace what appeared at its path meanwhile. */
    private void finish(Target target, Storage.Upload upload, boolean overwrite) throws IOException {
        writable(target.path, overwrite);
        upload.commit();
        cursors.drop(target.path.toString());
    }

    @Override
    public byte[] read(String path, long offset, int length) {
        if (length > MAX_BLOCK_BYTES) {
            throw new BrickworksException(ErrorCode.MAX_READ_SIZE_EXCEEDED,
                    "A read returns at most " + MAX_BLOCK_BYTES + " bytes, asked for " + length);
        }
        if (offset < 0 || length < 0) {
            throw BrickworksException.invalidParameter("offset and length must not be negative");
        }
        DbfsPath dbfsPath = DbfsPath.of(path);
        Optional<ReadCursors.Cursor> cursor = cursors.take(dbfsPath.toString(), offset);
        if (cursor.isPresent()) {
            try {
                return readOn(dbfsPath, cursor.get().info(), cursor.get().stream(), offset, length);
            } catch (IOException e) {
                ReadCursors.closeQuietly(cursor.get().stream()); // changed or gone meanwhile: read afresh
            }
        }
        FileInfo info = status(dbfsPath).orElseThrow(() -> missing(dbfsPath));
        if (info.isDir()) {
            throw BrickworksException.invalidParameter(dbfsPath + " is a directory, not a file");
        }
        if (offset >= info.fileSize() || length == 0) {
            return new byte[0];
        }
        Target target = target(dbfsPath);
        return io(target.path, () -> {
            InputStream in = target.storage.open(target.relative, offset);
            try {
                return readOn(dbfsPath, info, in, offset, length);
            } catch (IOException | RuntimeException e) {
                ReadCursors.closeQuietly(in);
                throw e;
            }
        });
    }

    /** Reads from a stream at {@code offset} and keeps it open for a read that continues there. */
    private byte[] readOn(DbfsPath path, FileInfo info, InputStream in, long offset, int length) throws IOException {
        byte[] data = in.readNBytes((int) Math.min(length, info.fileSize() - offset));
        cursors.keep(path.toString(), info, in, offset + data.length);
        return data;
    }

    @Override
    public InputStream open(String path) {
        Target target = file(DbfsPath.of(path));
        return io(target.path, () -> target.storage.open(target.relative, 0));
    }

    @Override
    public List<FileInfo> list(String path) {
        DbfsPath dir = DbfsPath.of(path);
        FileInfo self = status(dir).orElseThrow(() -> missing(dir));
        if (!self.isDir()) {
            return List.of(self);
        }
        Target target = target(dir);
        Map<String, FileInfo> entries = new LinkedHashMap<>();
        if (io(dir, () -> target.storage.status(target.relative)).isPresent()) {
            io(dir, () -> target.storage.list(target.relative))
                    .forEach(info -> entries.put(target.absolute(info).path(), target.absolute(info)));
        }
        for (DbfsPath point : mounts.mountPoints()) {
            if (point.startsWith(dir) && !point.equals(dir)) {
                DbfsPath child = new DbfsPath(point.segments().subList(0, dir.segments().size() + 1));
                entries.put(child.toString(), new FileInfo(child.toString(), true, 0, 0));
            }
        }
        List<FileInfo> sorted = new ArrayList<>(entries.values());
        sorted.sort(Comparator.comparing(FileInfo::path));
        return sorted;
    }

    @Override
    public FileInfo getStatus(String path) {
        DbfsPath dbfsPath = DbfsPath.of(path);
        return status(dbfsPath).orElseThrow(() -> missing(dbfsPath));
    }

    private Optional<FileInfo> status(DbfsPath path) {
        if (isMountAncestor(path)) {
            return Optional.of(new FileInfo(path.toString(), true, 0, 0));
        }
        Target target = target(path);
        if (target.relative.isEmpty() && target.storage != local) {
            return Optional.of(new FileInfo(path.toString(), true, 0, 0)); // a mount point is a directory
        }
        return io(path, () -> target.storage.status(target.relative)).map(target::absolute);
    }

    @Override
    public void mkdirs(String path) {
        DbfsPath dir = DbfsPath.of(path);
        for (DbfsPath at = dir; !at.isRoot(); at = at.parent()) {
            Optional<FileInfo> existing = status(at);
            if (existing.isPresent() && !existing.get().isDir()) {
                throw new BrickworksException(ErrorCode.RESOURCE_ALREADY_EXISTS,
                        "Cannot create directory " + dir + ": " + at + " is a file");
            }
            if (existing.isPresent()) {
                break;
            }
        }
        Target target = target(dir);
        io(dir, () -> {
            target.storage.mkdirs(target.relative);
            return null;
        });
    }

    @Override
    public void delete(String path, boolean recursive) {
        DbfsPath dbfsPath = DbfsPath.of(path);
        refuseMountsAndRoot(dbfsPath, "delete");
        Optional<FileInfo> existing = status(dbfsPath);
        if (existing.isEmpty()) {
            return;
        }
        Target target = target(dbfsPath);
        if (existing.get().isDir() && !recursive
                && !io(dbfsPath, () -> target.storage.list(target.relative)).isEmpty()) {
            throw new BrickworksException(ErrorCode.IO_ERROR,
                    "Directory " + dbfsPath + " is not empty: delete it with recursive");
        }
        io(dbfsPath, () -> {
            target.storage.delete(target.relative);
            return null;
        });
        cursors.drop(dbfsPath.toString());
    }

    @Override
    public void move(String source, String destination) {
        DbfsPath from = DbfsPath.of(source);
        DbfsPath to = DbfsPath.of(destination);
        refuseMountsAndRoot(from, "move");
        refuseMountsAndRoot(to, "move onto");
        FileInfo info = status(from).orElseThrow(() -> missing(from));
        if (status(to).isPresent()) {
            throw new BrickworksException(ErrorCode.RESOURCE_ALREADY_EXISTS, "Cannot move to " + to + ": it exists");
        }
        if (to.startsWith(from)) {
            throw BrickworksException.invalidParameter("Cannot move " + from + " into itself");
        }
        mkdirs(to.parent().toString());
        cursors.drop(from.toString());
        Target a = target(from);
        Target b = target(to);
        if (a.storage == b.storage) {
            io(from, () -> {
                a.storage.move(a.relative, b.relative);
                return null;
            });
        } else if (info.isDir()) {
            throw BrickworksException.invalidParameter("Cannot move directory " + from + " to " + to
                    + ": directories move within one storage only; move its files one by one");
        } else {
            try (InputStream in = open(from.toString())) {
                put(to.toString(), in, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            delete(from.toString(), false);
        }
    }

    @Override
    public void mount(MountSpec spec) {
        mounts.mount(spec);
    }

    @Override
    public void unmount(String mountPoint) {
        mounts.unmount(mountPoint);
        cursors.drop(DbfsPath.of(mountPoint).toString());
    }

    @Override
    public List<MountInfo> mounts() {
        return mounts.list();
    }

    /** The target of a write: not a directory, not an existing file unless {@code overwrite}, parent no file. */
    private Target writable(DbfsPath path, boolean overwrite) {
        refuseMountsAndRoot(path, "write");
        Optional<FileInfo> existing = status(path);
        if (existing.isPresent() && (existing.get().isDir() || !overwrite)) {
            throw new BrickworksException(ErrorCode.RESOURCE_ALREADY_EXISTS, (existing.get().isDir() ? "A directory"
                    : "A file") + " exists at " + path
                    + (existing.get().isDir() ? "" : "; use overwrite to replace it"));
        }
        status(path.parent()).filter(parent -> !parent.isDir()).ifPresent(parent -> {
            throw new BrickworksException(ErrorCode.RESOURCE_ALREADY_EXISTS,
                    "Cannot write " + path + ": " + parent.path() + " is a file");
        });
        return target(path);
    }

    private Target file(DbfsPath path) {
        FileInfo info = status(path).orElseThrow(() -> missing(path));
        if (info.isDir()) {
            throw BrickworksException.invalidParameter(path + " is a directory, not a file");
        }
        return target(path);
    }

    private boolean isMountAncestor(DbfsPath path) {
        return mounts.mountPoints().stream().anyMatch(point -> point.startsWith(path) && !point.equals(path));
    }

    private void refuseMountsAndRoot(DbfsPath path, String what) {
        if (path.isRoot() || isMountAncestor(path) || mounts.mountPoints().contains(path)) {
            throw BrickworksException.invalidParameter(
                    "Cannot " + what + " " + path + ": it is the root, a mount point or holds one (unmount first)");
        }
    }

    private static BrickworksException missing(DbfsPath path) {
        return BrickworksException.notFound("No file or directory at " + path);
    }

    @FunctionalInterface
    private interface Io<T> {
        T run() throws IOException;
    }

    /** Runs storage work, turning its I/O failures into an INTERNAL_ERROR that names the path. */
    private static <T> T io(DbfsPath path, Io<T> work) {
        try {
            return work.run();
        } catch (IOException e) {
            throw new BrickworksException(ErrorCode.INTERNAL_ERROR,
                    "Storage failure" + (path == null ? "" : " at " + path) + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new BrickworksException(ErrorCode.INTERNAL_ERROR,
                    "Storage failure" + (path == null ? "" : " at " + path) + ": " + e.getCause().getMessage(), e);
        }
    }
}
