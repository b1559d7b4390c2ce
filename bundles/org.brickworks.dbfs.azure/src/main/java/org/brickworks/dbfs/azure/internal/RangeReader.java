package org.brickworks.dbfs.azure.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobRequestConditions;

/**
 * A blob read from an offset as ranged GETs pinned to the ETag it had when opened (a blob replaced meanwhile fails the
 * read instead of mixing versions). The first range is {@link #FIRST_BYTES}, what one {@code dbfs/read} takes; once
 * the reader goes on, it keeps {@link #AHEAD} ranges of {@link #RANGE_BYTES} in flight in the background, so a
 * sequential reader rarely waits for Azure and holds at most {@code (AHEAD + 1) * RANGE_BYTES}. Used by one thread at a
 * time.
 */
final class RangeReader extends InputStream {
    static final int FIRST_BYTES = 1 << 20;
    static final int RANGE_BYTES = 4 << 20;
    static final int AHEAD = 3;

    private final BlobClient blob;
    private final BlobRequestConditions sameVersion;
    private final long size;
    private final Executor transfers;
    private final ArrayDeque<CompletableFuture<byte[]>> ahead = new ArrayDeque<>();
    private long nextRange;
    private byte[] current = new byte[0];
    private int position;

    RangeReader(BlobClient blob, String etag, long size, long offset, Executor transfers) {
        this.blob = blob;
        this.sameVersion = new BlobRequestConditions().setIfMatch(etag);
        this.size = size;
        this.transfers = transfers;
        this.nextRange = offset;
        fetch(FIRST_BYTES);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position == current.length && !advance()) {
            return -1;
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, bytes, offset, n);
        position += n;
        return n;
    }

    private boolean advance() throws IOException {
        CompletableFuture<byte[]> range = ahead.poll();
        if (range == null) {
            return false;
        }
        try {
            current = range.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while reading from Azure");
        } catch (ExecutionException e) {
            throw AzureBlobStorage.failure(e.getCause());
        }
        position = 0;
        while (ahead.size() < AHEAD && nextRange < size) {
            fetch(RANGE_BYTES);
        }
        return true;
    }

    private void fetch(int bytes) {
        long at = nextRange;
        int length = (int) Math.min(bytes, size - at);
        if (length <= 0) {
            return;
        }
        nextRange += length;
        ahead.add(CompletableFuture.supplyAsync(() -> {
            Range range = new Range(length);
            blob.downloadStreamWithResponse(range, new BlobRange(at, (long) length), null, sameVersion, false, null,
                    Context.NONE);
            return range.bytes();
        }, transfers));
    }

    @Override
    public void close() {
        ahead.forEach(range -> range.cancel(false));
        ahead.clear();
        current = new byte[0];
        position = 0;
    }

    /** One range's bytes, written straight into an array of its size. */
    private static final class Range extends OutputStream {
        private final byte[] bytes;
        private int filled;

        Range(int length) {
            bytes = new byte[length];
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            if (filled + length > bytes.length) {
                throw new IOException("Azure sent more than the range asked for");
            }
            System.arraycopy(data, offset, bytes, filled, length);
            filled += length;
        }

        byte[] bytes() {
            if (filled != bytes.length) {
                throw new UncheckedIOException(
                        new IOException("Azure sent " + filled + " bytes of a range of " + bytes.length));
            }
            return bytes;
        }
    }
}
