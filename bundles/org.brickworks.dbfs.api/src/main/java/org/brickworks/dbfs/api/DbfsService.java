package org.brickworks.dbfs.api;

import java.io.InputStream;
import java.util.List;

import org.brickworks.dbfs.api.dto.FileInfo;
import org.brickworks.dbfs.api.dto.MountInfo;
import org.brickworks.dbfs.api.dto.MountSpec;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The DBFS namespace: absolute paths ({@code /a/b} or {@code dbfs:/a/b}) over the local root directory, and
 * {@code /mnt/<name>/...} over mounted storage. Thread-safe.
 * <p>
 * Paths are normalised: {@code .} and empty segments go, {@code ..} is resolved and refused where it would leave the
 * root, any other scheme ({@code file:}, {@code s3:}) is refused, and on the local root symbolic links leading out of
 * it are refused: all with {@code INVALID_PARAMETER_VALUE}.
 * <p>
 * Errors are {@link org.brickworks.core.api.BrickworksException}s with Databricks' codes:
 * {@code RESOURCE_DOES_NOT_EXIST}, {@code RESOURCE_ALREADY_EXISTS}, {@code MAX_BLOCK_SIZE_EXCEEDED},
 * {@code MAX_READ_SIZE_EXCEEDED}, {@code INVALID_PARAMETER_VALUE}, {@code IO_ERROR} (a non-empty directory deleted
 * without {@code recursive}), {@code INTERNAL_ERROR} for a failure of the storage itself.
 * <p>
 * Writes are atomic: a file written by {@link #put} or {@link #create}/{@link #close} becomes visible whole, at
 * once; a failed or abandoned upload leaves nothing visible.
 */
@ProviderType
public interface DbfsService {
    /** The largest block {@link #addBlock} takes and the largest {@link #read}: 1 MB, as Databricks. */
    int MAX_BLOCK_BYTES = 1 << 20;

    /**
     * Writes {@code contents} (read to its end, not closed) to {@code path}, creating parent directories.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code RESOURCE_ALREADY_EXISTS} when the file exists and {@code overwrite} is false, or the path is
     *             a directory
     */
    void put(String path, InputStream contents, boolean overwrite);

    /**
     * Opens a streaming upload to {@code path} and returns its handle for {@link #addBlock} and {@link #close}. The file
     * appears at {@link #close}; a handle without a call for the configured timeout (10 minutes by default) is
     * abandoned and its data dropped.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code RESOURCE_ALREADY_EXISTS} as {@link #put}
     */
    long create(String path, boolean overwrite);

    /**
     * Appends a block of at most {@link #MAX_BLOCK_BYTES} to an open upload. Blocks of one handle are taken in the
     * order of the calls; concurrent calls on one handle are serialised.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code RESOURCE_DOES_NOT_EXIST} for an unknown, closed or abandoned handle,
     *             {@code MAX_BLOCK_SIZE_EXCEEDED} for a larger block (the upload stays open)
     */
    void addBlock(long handle, byte[] data);

    /** Finishes an upload: the file appears whole, replacing an older one when the upload may overwrite. */
    void close(long handle);

    /**
     * Up to {@code length} bytes of a file from {@code offset}; fewer (none) at its end.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code MAX_READ_SIZE_EXCEEDED} when {@code length} exceeds {@link #MAX_BLOCK_BYTES},
     *             {@code INVALID_PARAMETER_VALUE} for a negative offset or length or a directory,
     *             {@code RESOURCE_DOES_NOT_EXIST} when there is no such file
     */
    byte[] read(String path, long offset, int length);

    /** The whole file as a stream, for copies of any size; the caller closes it. */
    InputStream open(String path);

    /**
     * The entries of a directory, sorted by path (for a file: the file itself). {@code /mnt} also lists the mount
     * points.
     */
    List<FileInfo> list(String path);

    FileInfo getStatus(String path);

    /** Creates a directory and its parents; an existing directory is fine, an existing file is RESOURCE_ALREADY_EXISTS. */
    void mkdirs(String path);

    /** Deletes a file or a directory (with its contents only when {@code recursive}); a missing path is fine. */
    void delete(String path, boolean recursive);

    /**
     * Moves a file or directory. Within one storage this is a rename; between storages (local root and a mount) only
     * files move (copied, then deleted).
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code RESOURCE_DOES_NOT_EXIST} for a missing source, {@code RESOURCE_ALREADY_EXISTS} when the
     *             destination exists
     */
    void move(String source, String destination);

    /**
     * Mounts {@code spec.source()} at {@code spec.mountPoint()} ({@code /mnt/<name>}) through the
     * {@link StorageBackend} registered for the source's scheme, after checking that the storage answers with the
     * given credentials. The mount is kept in the store and reaches every running driver within seconds.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code RESOURCE_ALREADY_EXISTS} for a mount point in use, {@code INVALID_PARAMETER_VALUE} for a
     *             source no backend serves or storage that refuses the credentials
     */
    void mount(MountSpec spec);

    /** @throws org.brickworks.core.api.BrickworksException {@code RESOURCE_DOES_NOT_EXIST} for no such mount */
    void unmount(String mountPoint);

    /** The mounts, by mount point; never their credentials. */
    List<MountInfo> mounts();
}
