package org.brickworks.dbfs.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import org.brickworks.dbfs.api.dto.FileInfo;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One mounted storage (or the local root), addressed by paths relative to its root: {@code ""} is the root,
 * {@code a/b} a file below it; paths arrive normalised (no {@code .}, {@code ..}, empty segments or leading slash).
 * {@link FileInfo#path()} values returned here are relative the same way. Thread-safe.
 * <p>
 * Directories may be virtual (object stores): a storage reports a directory wherever a path has entries below it.
 * I/O failures are {@link IOException}s; the DBFS service checks existence and kinds before it calls, so these
 * methods need not repeat Databricks' error codes.
 */
@ConsumerType
public interface Storage extends AutoCloseable {
    Optional<FileInfo> status(String path) throws IOException;

    /** The entries directly below a directory. */
    List<FileInfo> list(String path) throws IOException;

    /** Starts writing a file; nothing is visible until {@link Upload#commit()}. */
    Upload create(String path) throws IOException;

    /** The file's bytes from {@code offset} on. */
    InputStream open(String path, long offset) throws IOException;

    void mkdirs(String path) throws IOException;

    /** Deletes a file, or a directory with everything below it. */
    void delete(String path) throws IOException;

    /** Renames a file or directory; the destination does not exist and its parent does. */
    void move(String source, String destination) throws IOException;

    /** Releases clients and connections; the storage is not used after this. */
    @Override
    void close();

    /** A file being written: invisible until committed, gone when aborted. Used by one thread at a time. */
    interface Upload {
        void write(byte[] bytes, int offset, int length) throws IOException;

        /** Makes the file visible whole, replacing any file at its path. */
        void commit() throws IOException;

        /** Drops what was written; safe to call after a failed write or commit, and more than once. */
        void abort();
    }
}
