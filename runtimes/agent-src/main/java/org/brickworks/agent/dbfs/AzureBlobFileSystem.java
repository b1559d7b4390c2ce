package org.brickworks.agent.dbfs;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSInputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * A DBFS mount of an Azure Blob Storage container as a Hadoop file system, over {@link BlobRestClient}. Paths are
 * {@code <source>/<relative>}; directories follow hadoop-azure's layout (names with blobs below them, or empty
 * {@code hdi_isfolder} marker blobs). A file is written as 8 MB blocks committed at {@code close()}: readers never see
 * half a file. Rename copies through this process (Azure has none); Delta's log store only renames small files.
 */
final class AzureBlobFileSystem extends FileSystem {
    private static final int BLOCK_BYTES = 8 << 20;

    private final URI source;
    private final BlobRestClient client;
    private Path workingDirectory;

    AzureBlobFileSystem(URI source, Map<String, String> settings) throws IOException {
        this.source = URI.create(source.getScheme() + "://" + source.getRawAuthority() + "/");
        this.client = BlobRestClient.of(source, settings);
        this.workingDirectory = new Path(this.source);
    }

    @Override
    public void initialize(URI name, org.apache.hadoop.conf.Configuration conf) throws IOException {
        super.initialize(name, conf);
        setConf(conf);
    }

    @Override
    public URI getUri() {
        return source;
    }

    private String name(Path path) {
        Path absolute = path.isAbsolute() ? path : new Path(workingDirectory, path);
        String name = absolute.toUri().getPath();
        while (name.startsWith("/")) {
            name = name.substring(1);
        }
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }

    private Path path(String name) {
        return new Path(source.resolve("/" + name));
    }

    @Override
    public FileStatus getFileStatus(Path path) throws IOException {
        String name = name(path);
        if (name.isEmpty()) {
            return new FileStatus(0, true, 1, 0, 0, path(name));
        }
        BlobRestClient.Properties properties = client.properties(name);
        if (properties != null) {
            return new FileStatus(properties.folder() ? 0 : properties.size(), properties.folder(), 1, BLOCK_BYTES,
                    properties.modified(), path(name));
        }
        if (!client.list(name + "/", null, 1).isEmpty()) {
            return new FileStatus(0, true, 1, 0, 0, path(name));
        }
        throw new FileNotFoundException("File " + path + " does not exist");
    }

    @Override
    public FileStatus[] listStatus(Path path) throws IOException {
        FileStatus self = getFileStatus(path);
        if (!self.isDirectory()) {
            return new FileStatus[] { self };
        }
        String name = name(path);
        Map<String, FileStatus> entries = new LinkedHashMap<>();
        for (BlobRestClient.Entry entry : client.list(name.isEmpty() ? "" : name + "/", "/", 0)) {
            String child = entry.name().endsWith("/") ? entry.name().substring(0, entry.name().length() - 1)
                    : entry.name();
            if (entry.prefix() || entry.folder()) {
                entries.putIfAbsent(child, new FileStatus(0, true, 1, 0, entry.modified(), path(child)));
            } else {
                entries.put(child, new FileStatus(entry.size(), false, 1, BLOCK_BYTES, entry.modified(), path(child)));
            }
        }
        return entries.values().toArray(new FileStatus[0]);
    }

    @Override
    public FSDataInputStream open(Path path, int bufferSize) throws IOException {
        FileStatus status = getFileStatus(path);
        if (status.isDirectory()) {
            throw new FileNotFoundException(path + " is a directory");
        }
        return new FSDataInputStream(new BlobInputStream(name(path), status.getLen()));
    }

    @Override
    public FSDataOutputStream create(Path path, FsPermission permission, boolean overwrite, int bufferSize,
            short replication, long blockSize, Progressable progress) throws IOException {
        String name = name(path);
        BlobRestClient.Properties existing = client.properties(name);
        if (existing != null && (existing.folder() || !overwrite)) {
            throw new FileAlreadyExistsException(path + " exists");
        }
        return new FSDataOutputStream(new BlockOutputStream(name), statistics);
    }

    @Override
    public FSDataOutputStream append(Path path, int bufferSize, Progressable progress) throws IOException {
        throw new IOException("Append is not supported on Azure mounts");
    }

    @Override
    public boolean rename(Path from, Path to) throws IOException {
        String source = name(from);
        FileStatus status;
        try {
            status = getFileStatus(from);
        } catch (FileNotFoundException e) {
            return false;
        }
        String target = name(to);
        if (exists(to)) {
            if (!getFileStatus(to).isDirectory()) {
                return false;
            }
            target = target + "/" + source.substring(source.lastIndexOf('/') + 1);
        }
        if (status.isDirectory()) {
            for (BlobRestClient.Entry entry : client.list(source + "/", null, 0)) {
                copy(entry.name(), target + entry.name().substring(source.length()), entry.folder());
            }
        }
        BlobRestClient.Properties self = client.properties(source);
        if (self != null) {
            copy(source, target, self.folder());
        }
        delete(from, true);
        return true;
    }

    private void copy(String from, String to, boolean folder) throws IOException {
        if (folder) {
            client.putBlob(to, new byte[0], true);
            return;
        }
        try (InputStream in = client.read(from, 0); OutputStream out = new BlockOutputStream(to)) {
            in.transferTo(out);
        }
    }

    @Override
    public boolean delete(Path path, boolean recursive) throws IOException {
        String name = name(path);
        List<BlobRestClient.Entry> below = name.isEmpty() ? client.list("", null, 0) : client.list(name + "/", null, 0);
        BlobRestClient.Properties self = name.isEmpty() ? null : client.properties(name);
        if (self == null && below.isEmpty()) {
            return false;
        }
        if (!below.isEmpty() && !recursive) {
            throw new IOException("Directory " + path + " is not empty");
        }
        for (BlobRestClient.Entry entry : below) {
            client.delete(entry.name());
        }
        if (self != null) {
            client.delete(name);
        }
        return true;
    }

    @Override
    public boolean mkdirs(Path path, FsPermission permission) throws IOException {
        for (String at = name(path); !at.isEmpty(); at = at.contains("/") ? at.substring(0, at.lastIndexOf('/')) : "") {
            BlobRestClient.Properties existing = client.properties(at);
            if (existing != null) {
                if (!existing.folder()) {
                    throw new FileAlreadyExistsException(path(at) + " is a file");
                }
                break;
            }
            client.putBlob(at, new byte[0], true);
        }
        return true;
    }

    @Override
    public void setWorkingDirectory(Path directory) {
        workingDirectory = directory;
    }

    @Override
    public Path getWorkingDirectory() {
        return workingDirectory;
    }

    /** Reads from a position, reopening the ranged download on a seek. */
    private final class BlobInputStream extends FSInputStream {
        private final String name;
        private final long length;
        private long position;
        private InputStream in;

        BlobInputStream(String name, long length) {
            this.name = name;
            this.length = length;
        }

        @Override
        public void seek(long target) throws IOException {
            if (target < 0 || target > length) {
                throw new EOFException("Cannot seek to " + target + " in " + name + " of " + length + " bytes");
            }
            if (target != position) {
                closeStream();
                position = target;
            }
        }

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public boolean seekToNewSource(long target) {
            return false;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            if (position >= length) {
                return -1;
            }
            if (in == null) {
                in = client.read(name, position);
            }
            int read = in.read(buffer, offset, count);
            if (read > 0) {
                position += read;
            }
            return read;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, length - position);
        }

        private void closeStream() throws IOException {
            if (in != null) {
                in.close();
                in = null;
            }
        }

        @Override
        public void close() throws IOException {
            closeStream();
        }
    }

    /** Stages 8 MB blocks as they fill and commits them at close. */
    private final class BlockOutputStream extends OutputStream {
        private final String name;
        private final String uploadId = UUID.randomUUID().toString();
        private final List<String> blockIds = new ArrayList<>();
        private final byte[] buffer = new byte[BLOCK_BYTES];
        private int filled;
        private boolean closed;

        BlockOutputStream(String name) {
            this.name = name;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                int n = Math.min(length, buffer.length - filled);
                System.arraycopy(bytes, offset, buffer, filled, n);
                filled += n;
                offset += n;
                length -= n;
                if (filled == buffer.length) {
                    stage();
                }
            }
        }

        private void stage() throws IOException {
            String id = Base64.getEncoder().encodeToString(
                    String.format("%s-%08d", uploadId, blockIds.size()).getBytes(StandardCharsets.US_ASCII));
            client.putBlock(name, id, buffer, filled);
            blockIds.add(id);
            filled = 0;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            if (filled > 0 || blockIds.isEmpty()) {
                if (blockIds.isEmpty()) {
                    client.putBlob(name, java.util.Arrays.copyOf(buffer, filled), false);
                    return;
                }
                stage();
            }
            client.putBlockList(name, blockIds);
        }
    }
}
