package org.brickworks.dbfs.internal;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.dbfs.api.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open streaming uploads of the DBFS API ({@code create}/{@code add-block}/{@code close}) by handle. Handles are
 * random positive integers of 53 bits, so one caller cannot guess another's and every JSON reader keeps them exact
 * (readers that use doubles, such as jq and JavaScript, round anything above 2^53 - 1). Calls on one handle are serialised on it; an upload
 * without a call for {@code timeout} is aborted by {@link #expire()}, which the service runs periodically.
 */
final class UploadHandles {
    private static final Logger LOG = LoggerFactory.getLogger(UploadHandles.class);

    /** An upload and what finishing it means (the overwrite check, the rename into place). */
    interface Pending {
        Storage.Upload upload();

        void finish() throws IOException;
    }

    /** JavaScript's {@code Number.MAX_SAFE_INTEGER}: the largest handle. */
    static final long MAX_HANDLE = (1L << 53) - 1;

    private final Map<Long, Entry> open = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Duration timeout;
    private final LongSupplier clock;

    UploadHandles(Duration timeout, LongSupplier nanoClock) {
        this.timeout = timeout;
        this.clock = nanoClock;
    }

    long open(Pending pending) {
        Entry entry = new Entry(pending, clock.getAsLong());
        while (true) {
            long handle = random.nextLong() & MAX_HANDLE;
            if (handle != 0 && open.putIfAbsent(handle, entry) == null) {
                return handle;
            }
        }
    }

    void write(long handle, byte[] data) throws IOException {
        Entry entry = entry(handle);
        synchronized (entry) {
            check(handle, entry);
            try {
                entry.pending.upload().write(data, 0, data.length);
            } catch (IOException | RuntimeException e) {
                drop(handle, entry);
                throw e;
            }
            entry.lastUsed = clock.getAsLong();
        }
    }

    void finish(long handle) throws IOException {
        Entry entry = entry(handle);
        synchronized (entry) {
            check(handle, entry);
            open.remove(handle, entry);
            entry.done = true;
            try {
                entry.pending.finish();
            } catch (IOException | RuntimeException e) {
                entry.pending.upload().abort();
                throw e;
            }
        }
    }

    /** Aborts the uploads idle for longer than the timeout; returns how many. */
    int expire() {
        long now = clock.getAsLong();
        int expired = 0;
        for (Map.Entry<Long, Entry> e : open.entrySet()) {
            Entry entry = e.getValue();
            synchronized (entry) {
                if (!entry.done && now - entry.lastUsed > timeout.toNanos()) {
                    drop(e.getKey(), entry);
                    expired++;
                }
            }
        }
        if (expired > 0) {
            LOG.info("Dropped {} DBFS uploads idle for more than {}", expired, timeout);
        }
        return expired;
    }

    /** Aborts every open upload (service stop). */
    void abortAll() {
        open.forEach((handle, entry) -> {
            synchronized (entry) {
                drop(handle, entry);
            }
        });
    }

    int size() {
        return open.size();
    }

    private Entry entry(long handle) {
        Entry entry = open.get(handle);
        if (entry == null) {
            throw unknown(handle);
        }
        return entry;
    }

    private static void check(long handle, Entry entry) {
        if (entry.done) {
            throw unknown(handle);
        }
    }

    private void drop(long handle, Entry entry) {
        entry.done = true;
        open.remove(handle, entry);
        entry.pending.upload().abort();
    }

    private static BrickworksException unknown(long handle) {
        return BrickworksException.notFound("No open upload with handle " + handle
                + " (closed, or dropped after a failure or a long time without blocks)");
    }

    private static final class Entry {
        final Pending pending;
        long lastUsed;
        boolean done;

        Entry(Pending pending, long now) {
            this.pending = pending;
            this.lastUsed = now;
        }
    }
}
