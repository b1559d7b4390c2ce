package org.brickworks.agent.dbutils;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.brickworks.agent.dbfs.DbfsFileSystem;

/**
 * {@code dbutils.fs} of Scala and Python cells (and {@code %fs}): file operations through the driver's Hadoop file
 * systems, so {@code dbfs:} paths go through the cluster's DBFS file system and its mounts. A path without a scheme
 * is a DBFS path ({@code /tmp/x} is {@code dbfs:/tmp/x}). Failures are the file system's own exceptions
 * ({@link FileNotFoundException}, Hadoop's {@code FileAlreadyExistsException}, ...). {@code mount} and {@code unmount}
 * change the platform's mounts ({@link PlatformCallback}). Thread-safe.
 */
public final class DbfsUtils {

    public static final int DEFAULT_HEAD_BYTES = 65536;
    private static final String MODULE = "fs";
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");

    private final Supplier<Configuration> conf;
    private final PlatformCallback platform;

    DbfsUtils(Supplier<Configuration> conf, PlatformCallback platform) {
        this.conf = conf;
        this.platform = platform;
    }

    /** The entries of a directory sorted by name, or the file itself. */
    public FileInfo[] ls(String dir) throws IOException {
        Path path = path(dir);
        FileStatus[] statuses = fs(path).listStatus(path);
        Arrays.sort(statuses, Comparator.comparing(status -> status.getPath().getName()));
        FileInfo[] infos = new FileInfo[statuses.length];
        for (int i = 0; i < statuses.length; i++) {
            infos[i] = info(statuses[i]);
        }
        return infos;
    }

    public String head(String file) throws IOException {
        return head(file, DEFAULT_HEAD_BYTES);
    }

    /** The file's first {@code maxBytes} bytes as UTF-8 text. */
    public String head(String file, int maxBytes) throws IOException {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative, got " + maxBytes);
        }
        Path path = path(file);
        try (InputStream in = fs(path).open(path)) {
            return new String(in.readNBytes(maxBytes), StandardCharsets.UTF_8);
        }
    }

    public boolean put(String file, String contents) throws IOException {
        return put(file, contents, false);
    }

    /** Writes {@code contents} as UTF-8; an existing file is an error unless {@code overwrite}. */
    public boolean put(String file, String contents, boolean overwrite) throws IOException {
        Path path = path(file);
        try (OutputStream out = fs(path).create(path, overwrite)) {
            out.write(contents.getBytes(StandardCharsets.UTF_8));
        }
        return true;
    }

    public boolean cp(String from, String to) throws IOException {
        return cp(from, to, false);
    }

    /** Copies a file, or a directory with everything in it when {@code recurse}. */
    public boolean cp(String from, String to, boolean recurse) throws IOException {
        return copy(from, to, recurse, false);
    }

    public boolean mv(String from, String to) throws IOException {
        return mv(from, to, false);
    }

    /** Moves a file, or a directory when {@code recurse}: a rename within one file system, else copy and delete. */
    public boolean mv(String from, String to, boolean recurse) throws IOException {
        Path source = path(from);
        Path target = path(to);
        FileSystem sourceFs = fs(source);
        FileSystem targetFs = fs(target);
        if (sourceFs == targetFs) {
            requireRecurseForDirectory(sourceFs, source, recurse, "move");
            if (!sourceFs.rename(source, target)) {
                throw new IOException("Cannot move " + source + " to " + target);
            }
            return true;
        }
        return copy(from, to, recurse, true);
    }

    public boolean rm(String file) throws IOException {
        return rm(file, false);
    }

    /** Deletes a file, or a directory with everything in it when {@code recurse}; false when nothing was there. */
    public boolean rm(String file, boolean recurse) throws IOException {
        Path path = path(file);
        return fs(path).delete(path, recurse);
    }

    /** Creates the directory and its missing parents. */
    public boolean mkdirs(String dir) throws IOException {
        Path path = path(dir);
        return fs(path).mkdirs(path);
    }

    /** The DBFS root and the mounts the driver sees (sources without their credentials). */
    public MountInfo[] mounts() throws IOException {
        List<MountInfo> mounts = new ArrayList<>();
        mounts.add(new MountInfo("/", "DbfsRoot"));
        if (fs(path("/")) instanceof DbfsFileSystem dbfs) {
            for (Map.Entry<String, String> mount : dbfs.mountSources().entrySet()) {
                mounts.add(new MountInfo(mount.getKey(), mount.getValue()));
            }
        }
        return mounts.toArray(new MountInfo[0]);
    }

    public boolean mount(String source, String mountPoint) throws IOException, InterruptedException {
        return mountWith(source, mountPoint, Map.of());
    }

    /**
     * Mounts {@code source} at {@code mountPoint} ({@code /mnt/<name>}) with the backend's settings: a platform mount,
     * as {@code dbfs/mount} makes, that the platform pushes to every cluster.
     */
    public boolean mount(String source, String mountPoint, scala.collection.Map<String, String> extraConfigs)
            throws IOException, InterruptedException {
        return mountWith(source, mountPoint, DbUtils.javaMap(extraConfigs));
    }

    /** As {@code mount}, with Java's map: Python's calls. */
    public boolean mountWith(String source, String mountPoint, Map<String, String> extraConfigs)
            throws IOException, InterruptedException {
        platform.mount(source, mountPoint, extraConfigs);
        return true;
    }

    public boolean unmount(String mountPoint) throws IOException, InterruptedException {
        platform.unmount(mountPoint);
        return true;
    }

    public void help() {
        DbUtilsHelp.print(MODULE, "");
    }

    public void help(String method) {
        DbUtilsHelp.print(MODULE, method);
    }

    private boolean copy(String from, String to, boolean recurse, boolean deleteSource) throws IOException {
        Path source = path(from);
        Path target = path(to);
        FileSystem sourceFs = fs(source);
        requireRecurseForDirectory(sourceFs, source, recurse, deleteSource ? "move" : "copy");
        if (!FileUtil.copy(sourceFs, source, fs(target), target, deleteSource, true, conf.get())) {
            throw new IOException("Cannot copy " + source + " to " + target);
        }
        return true;
    }

    private static void requireRecurseForDirectory(FileSystem fs, Path path, boolean recurse, String verb)
            throws IOException {
        if (!recurse && fs.getFileStatus(path).isDirectory()) {
            throw new IOException("Cannot " + verb + " directory " + path + " without recurse=true");
        }
    }

    private FileInfo info(FileStatus status) {
        String path = status.getPath().toString();
        String name = status.getPath().getName();
        if (status.isDirectory()) {
            return new FileInfo(path + "/", name + "/", 0, status.getModificationTime());
        }
        return new FileInfo(path, name, status.getLen(), status.getModificationTime());
    }

    private FileSystem fs(Path path) throws IOException {
        return path.getFileSystem(conf.get());
    }

    /** A path as the user wrote it; without a scheme, a DBFS path. */
    static Path path(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("A path is required");
        }
        if (SCHEME.matcher(path).matches()) {
            return new Path(path);
        }
        return new Path("dbfs:" + (path.startsWith("/") ? path : "/" + path));
    }
}
