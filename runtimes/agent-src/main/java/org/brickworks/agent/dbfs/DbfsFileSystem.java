package org.brickworks.agent.dbfs;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.security.AccessControlException;
import org.apache.hadoop.util.Progressable;
import org.brickworks.agent.protocol.AgentLaunch;
import org.brickworks.agent.protocol.Mount;

/**
 * Hadoop {@code FileSystem} for {@code dbfs:/}: a path below a mount point ({@code /mnt/<name>}) goes to the mount's
 * storage: Azure sources ({@code wasb(s)}, {@code abfs(s)}) to {@link AzureBlobFileSystem}, any other scheme to
 * Hadoop's own file system for it with the mount's settings in its configuration; every other path is a file under
 * the local root, served by Hadoop's raw local file system, so Spark reads and writes DBFS as fast as {@code file:}.
 * <p>
 * Configuration: {@value #ROOT} the local root directory (the platform sets it, {@link AgentLaunch#DBFS_ROOT_CONF});
 * the mounts are the driver's pushed table ({@link DriverMountTable}), or in an executor of another JVM the driver's
 * copy of it, the file {@value #MOUNTS} (re-read when it changed, checked at most every {@value #MOUNTS_RECHECK},
 * default 1000 ms), which the agent sets ({@link DbfsConf}).
 */
public class DbfsFileSystem extends FileSystem {
    public static final String ROOT = AgentLaunch.DBFS_ROOT_CONF.substring(DbfsConf.HADOOP_PREFIX.length());
    public static final String MOUNTS = "fs.dbfs.mounts.file";
    public static final String MOUNTS_RECHECK = "fs.dbfs.mounts.recheck.ms";
    static final URI URI_ROOT = URI.create("dbfs:///");
    /** Azure sources, served by the agent's own Blob Storage client whatever the cluster's classpath holds. */
    static final java.util.Set<String> AZURE_SCHEMES = java.util.Set.of("wasb", "wasbs", "abfs", "abfss");

    private java.nio.file.Path root;
    private FileSystem local;
    private MountSource mountSource;
    private Path workingDirectory = new Path("dbfs:/");
    private final Map<Mount, FileSystem> mounted = new ConcurrentHashMap<>();

    @Override
    public void initialize(URI name, Configuration conf) throws IOException {
        super.initialize(name, conf);
        setConf(conf);
        String rootPath = conf.get(ROOT);
        if (rootPath == null || rootPath.isEmpty()) {
            throw new IOException(ROOT + " is not set: the platform sets it when it starts a driver");
        }
        root = java.nio.file.Path.of(rootPath).toAbsolutePath().normalize();
        RawLocalFileSystem raw = new RawLocalFileSystem();
        raw.initialize(URI.create("file:///"), conf);
        local = raw;
        String mounts = conf.get(MOUNTS);
        MountSource driver = DriverMountTable.installed();
        mountSource = driver != null ? driver
                : new MountTableFile(mounts == null || mounts.isEmpty() ? null : java.nio.file.Path.of(mounts),
                        conf.getLong(MOUNTS_RECHECK, 1000));
    }

    @Override
    public String getScheme() {
        return "dbfs";
    }

    @Override
    public URI getUri() {
        return URI_ROOT;
    }

    /** A path on its backing file system, and how to name that file system's paths in DBFS again. */
    private record Target(FileSystem fs, Path path, String backingPrefix, String dbfsPrefix) {
        Path toDbfs(Path backing) {
            String text = backing.toUri().getPath();
            String prefix = URI.create(backingPrefix).getPath();
            String rest = text.length() > prefix.length() ? text.substring(prefix.length()) : "";
            rest = rest.startsWith("/") ? rest.substring(1) : rest;
            String base = dbfsPrefix.equals("/") ? "" : dbfsPrefix;
            return new Path("dbfs:" + (rest.isEmpty() ? (base.isEmpty() ? "/" : base) : base + "/" + rest));
        }

        FileStatus toDbfs(FileStatus status) {
            status.setPath(toDbfs(status.getPath()));
            return status;
        }
    }

    /** The normalised absolute DBFS path of {@code path}; {@code ..} above the root is refused. */
    String dbfsPath(Path path) throws IOException {
        Path absolute = path.isAbsolute() ? path : new Path(workingDirectory, path);
        URI uri = absolute.toUri();
        if (uri.getScheme() != null && !"dbfs".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("Wrong FS: " + path + ", expected: dbfs:/");
        }
        java.nio.file.Path normal = java.nio.file.Path.of("/").resolve(uri.getPath()).normalize();
        if (!normal.startsWith("/")) {
            throw new AccessControlException("Invalid DBFS path " + path + ": it leads out of DBFS");
        }
        return normal.toString();
    }

    private Target target(Path path) throws IOException {
        String dbfs = dbfsPath(path);
        Mount mount = mountSource.find(dbfs);
        if (mount == null) {
            java.nio.file.Path file = root.resolve(dbfs.substring(1)).normalize();
            if (!file.startsWith(root)) {
                throw new AccessControlException("Invalid DBFS path " + path + ": it leads out of DBFS");
            }
            return new Target(local, new Path(file.toUri()), root.toUri().toString(), "/");
        }
        String rest = dbfs.substring(mount.mountPoint().length());
        String source = mount.source();
        String base = source.endsWith("/") ? source.substring(0, source.length() - 1) : source;
        return new Target(mountedFs(mount), new Path(base + rest), base, mount.mountPoint());
    }

    private FileSystem mountedFs(Mount mount) throws IOException {
        FileSystem fs = mounted.get(mount);
        if (fs == null) {
            Configuration conf = new Configuration(getConf());
            mount.extraConfigs().forEach(conf::set);
            URI source = URI.create(mount.source());
            if (AZURE_SCHEMES.contains(String.valueOf(source.getScheme()).toLowerCase())) {
                fs = new AzureBlobFileSystem(source, mount.extraConfigs());
                fs.initialize(source, conf);
            } else {
                fs = FileSystem.newInstance(source, conf);
            }
            FileSystem raced = mounted.putIfAbsent(mount, fs);
            if (raced != null) {
                fs.close();
                fs = raced;
            }
        }
        return fs;
    }

    @Override
    public FSDataInputStream open(Path path, int bufferSize) throws IOException {
        Target target = target(path);
        try {
            return target.fs.open(target.path, bufferSize);
        } catch (FileNotFoundException e) {
            throw notFound(path, e);
        }
    }

    @Override
    public FSDataOutputStream create(Path path, FsPermission permission, boolean overwrite, int bufferSize,
            short replication, long blockSize, Progressable progress) throws IOException {
        Target target = target(path);
        try {
            return target.fs.create(target.path, permission, overwrite, bufferSize, replication, blockSize, progress);
        } catch (FileAlreadyExistsException e) {
            // The backend's message names its own path (the local root's folder): say the DBFS path instead.
            throw new FileAlreadyExistsException("File already exists: " + path);
        }
    }

    @Override
    public FSDataOutputStream createNonRecursive(Path path, FsPermission permission,
            java.util.EnumSet<org.apache.hadoop.fs.CreateFlag> flags, int bufferSize, short replication,
            long blockSize, Progressable progress) throws IOException {
        Target target = target(path);
        return target.fs.createNonRecursive(target.path, permission, flags, bufferSize, replication, blockSize,
                progress);
    }

    @Override
    public FSDataOutputStream append(Path path, int bufferSize, Progressable progress) throws IOException {
        Target target = target(path);
        return target.fs.append(target.path, bufferSize, progress);
    }

    @Override
    public boolean rename(Path source, Path destination) throws IOException {
        Target from = target(source);
        Target to = target(destination);
        if (from.fs != to.fs) {
            return false; // across storages: callers copy, as between any two Hadoop file systems
        }
        return from.fs.rename(from.path, to.path);
    }

    @Override
    public boolean delete(Path path, boolean recursive) throws IOException {
        Target target = target(path);
        return target.fs.delete(target.path, recursive);
    }

    /** The mounts this file system resolves, mount point to source URI (never their settings), in table order. */
    public Map<String, String> mountSources() throws IOException {
        Map<String, String> sources = new LinkedHashMap<>();
        for (Mount mount : mountSource.table().mounts()) {
            sources.put(mount.mountPoint(), mount.source());
        }
        return sources;
    }

    @Override
    public FileStatus[] listStatus(Path path) throws IOException {
        Target target = target(path);
        List<Mount> mounts = mountSource.table().mounts();
        boolean mnt = "/mnt".equals(dbfsPath(path)) && !mounts.isEmpty();
        List<FileStatus> statuses = new ArrayList<>();
        if (!mnt || target.fs.exists(target.path)) {
            try {
                for (FileStatus status : target.fs.listStatus(target.path)) {
                    statuses.add(target.toDbfs(status));
                }
            } catch (FileNotFoundException e) {
                throw notFound(path, e);
            }
        }
        if (mnt) {
            for (Mount mount : mounts) {
                String name = mount.mountPoint().substring("/mnt/".length());
                if (statuses.stream().noneMatch(s -> s.getPath().getName().equals(name))) {
                    statuses.add(new FileStatus(0, true, 1, 0, 0, new Path("dbfs:" + mount.mountPoint())));
                }
            }
        }
        return statuses.toArray(new FileStatus[0]);
    }

    @Override
    public void setWorkingDirectory(Path directory) {
        try {
            workingDirectory = new Path("dbfs:" + dbfsPath(directory));
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public Path getWorkingDirectory() {
        return workingDirectory;
    }

    @Override
    public boolean mkdirs(Path path, FsPermission permission) throws IOException {
        Target target = target(path);
        return target.fs.mkdirs(target.path, permission);
    }

    @Override
    public FileStatus getFileStatus(Path path) throws IOException {
        String dbfs = dbfsPath(path);
        if ("/mnt".equals(dbfs) && !mountSource.table().mounts().isEmpty()) {
            Target target = target(path);
            return target.fs.exists(target.path) ? target.toDbfs(target.fs.getFileStatus(target.path))
                    : new FileStatus(0, true, 1, 0, 0, new Path("dbfs:/mnt"));
        }
        Target target = target(path);
        try {
            return target.toDbfs(target.fs.getFileStatus(target.path));
        } catch (FileNotFoundException e) {
            throw notFound(path, e);
        }
    }

    /** A missing file named by its DBFS path, not the backend's (a local root's folder). */
    private static FileNotFoundException notFound(Path path, FileNotFoundException backend) {
        FileNotFoundException notFound = new FileNotFoundException("File " + path + " does not exist");
        notFound.initCause(backend);
        return notFound;
    }

    @Override
    public long getDefaultBlockSize(Path path) {
        try {
            Target target = target(path);
            return target.fs.getDefaultBlockSize(target.path);
        } catch (IOException e) {
            return super.getDefaultBlockSize(path);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            for (FileSystem fs : mounted.values()) {
                fs.close();
            }
            mounted.clear();
            if (local != null) {
                local.close();
            }
        } finally {
            super.close();
        }
    }
}
