package org.brickworks.rest.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.dbfs.api.DbfsService;
import org.brickworks.dbfs.api.dto.FileInfo;
import org.brickworks.dbfs.api.dto.MountInfo;
import org.brickworks.dbfs.api.dto.MountSpec;

/**
 * DBFS in memory, files by path, remembering the calls that change something: enough of the service to test the
 * REST translation (the service itself is tested in its bundle).
 */
final class RecordingDbfs implements DbfsService {
    final Map<String, byte[]> files = new TreeMap<>();
    final List<String> calls = new ArrayList<>();
    final List<MountSpec> mounts = new ArrayList<>();
    private final Map<Long, String> uploadPaths = new HashMap<>();
    private final Map<Long, ByteArrayOutputStream> uploads = new HashMap<>();

    @Override
    public void put(String path, InputStream contents, boolean overwrite) {
        try {
            files.put(path, contents.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        calls.add("put " + path + " overwrite=" + overwrite);
    }

    @Override
    public long create(String path, boolean overwrite) {
        long handle = uploads.size() + 1;
        uploads.put(handle, new ByteArrayOutputStream());
        uploadPaths.put(handle, path);
        calls.add("create " + path + " overwrite=" + overwrite);
        return handle;
    }

    @Override
    public void addBlock(long handle, byte[] data) {
        if (data.length > MAX_BLOCK_BYTES) {
            throw new BrickworksException(ErrorCode.MAX_BLOCK_SIZE_EXCEEDED, "A block holds at most 1 MB");
        }
        upload(handle).writeBytes(data);
    }

    @Override
    public void close(long handle) {
        files.put(uploadPaths.get(handle), upload(handle).toByteArray());
        uploads.remove(handle);
        calls.add("close " + handle);
    }

    private ByteArrayOutputStream upload(long handle) {
        ByteArrayOutputStream upload = uploads.get(handle);
        if (upload == null) {
            throw BrickworksException.notFound("No upload with handle " + handle);
        }
        return upload;
    }

    @Override
    public byte[] read(String path, long offset, int length) {
        byte[] file = file(path);
        int from = (int) Math.min(offset, file.length);
        return Arrays.copyOfRange(file, from, Math.min(file.length, from + length));
    }

    @Override
    public InputStream open(String path) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<FileInfo> list(String path) {
        return files.keySet().stream().filter(file -> file.startsWith(path + "/")).map(this::getStatus).toList();
    }

    @Override
    public FileInfo getStatus(String path) {
        return new FileInfo(path, false, file(path).length, 1_700_000_000_000L);
    }

    private byte[] file(String path) {
        byte[] file = files.get(path);
        if (file == null) {
            throw BrickworksException.notFound("No file or directory exists on path " + path + ".");
        }
        return file;
    }

    @Override
    public void mkdirs(String path) {
        calls.add("mkdirs " + path);
    }

    @Override
    public void delete(String path, boolean recursive) {
        calls.add("delete " + path + " recursive=" + recursive);
    }

    @Override
    public void move(String source, String destination) {
        calls.add("move " + source + " " + destination);
    }

    @Override
    public void mount(MountSpec spec) {
        mounts.add(spec);
    }

    @Override
    public void unmount(String mountPoint) {
        calls.add("unmount " + mountPoint);
    }

    @Override
    public List<MountInfo> mounts() {
        return mounts.stream().map(spec -> new MountInfo(spec.mountPoint(), spec.source())).toList();
    }
}
