package org.brickworks.dbfs.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.brickworks.dbfs.api.dto.FileInfo;

/**
 * The open streams of files read piece by piece through {@code dbfs/read}. A read that continues where the previous
 * read of the same path ended, within the idle time, goes on from the same stream: no status call and no open per
 * read (on Azure two requests each), and the storage's read-ahead keeps running. A cursor is taken out while it is in
 * use, so concurrent readers of one path never share one. Writes through DBFS drop the cursors of their paths; a
 * reader racing a writer outside DBFS keeps reading the version it started on (an open local file; on Azure the
 * blob's ETag, whose change fails the read, and the namespace opens the file afresh). Thread-safe.
 */
final class ReadCursors {
    /** An open stream of the file {@code info} describes, positioned at {@code next}. */
    record Cursor(FileInfo info, InputStream stream, long next, long lastUsed) {
    }

    private final Map<String, Cursor> open = new ConcurrentHashMap<>();
    private final Duration idle;
    private final int max;
    private final LongSupplier clock;

    ReadCursors(Duration idle, int max, LongSupplier nanoClock) {
        this.idle = idle;
        this.max = max;
        this.clock = nanoClock;
    }

    /** The cursor of {@code path} when it stands at {@code offset} and is fresh; another cursor of the path closes. */
    Optional<Cursor> take(String path, long offset) {
        Cursor cursor = open.remove(path);
        if (cursor == null) {
            return Optional.empty();
        }
        if (cursor.next != offset || clock.getAsLong() - cursor.lastUsed > idle.toNanos()) {
            close(cursor);
            return Optional.empty();
        }
        return Optional.of(cursor);
    }

    /** Keeps a stream for the next read at {@code next}; closes it at the file's end or when too many are open. */
    void keep(String path, FileInfo info, InputStream stream, long next) {
        if (next >= info.fileSize() || open.size() >= max) {
            closeQuietly(stream);
            return;
        }
        Cursor previous = open.put(path, new Cursor(info, stream, next, clock.getAsLong()));
        if (previous != null) {
            close(previous);
        }
    }

    /** Drops the cursors of {@code path} and of everything below it. */
    void drop(String path) {
        String below = path.endsWith("/") ? path : path + "/";
        open.forEach((key, cursor) -> {
            if ((key.equals(path) || key.startsWith(below)) && open.remove(key, cursor)) {
                close(cursor);
            }
        });
    }

    /** Closes the cursors idle for longer than the idle time. */
    void expire() {
        long now = clock.getAsLong();
        open.forEach((path, cursor) -> {
            if (now - cursor.lastUsed > idle.toNanos() && open.remove(path, cursor)) {
                close(cursor);
            }
        });
    }

    void closeAll() {
        open.forEach((path, cursor) -> {
            if (open.remove(path, cursor)) {
                close(cursor);
            }
        });
    }

    int size() {
        return open.size();
    }

    private static void close(Cursor cursor) {
        closeQuietly(cursor.stream);
    }

    static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // a read stream that fails to close holds nothing that matters any more
        }
    }
}
