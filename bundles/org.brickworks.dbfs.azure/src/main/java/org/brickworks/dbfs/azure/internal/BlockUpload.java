package org.brickworks.dbfs.azure.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

import org.brickworks.dbfs.api.Storage;

import com.azure.storage.blob.specialized.BlockBlobClient;

/**
 * A blob written as blocks of {@link #BLOCK_BYTES}, each staged in the background as soon as it is full while the next
 * fills, at most {@link #IN_FLIGHT} at a time (so an upload holds at most {@code (IN_FLIGHT + 1) * BLOCK_BYTES}), and
 * committed as one list by {@link #commit()} once all are staged. Until then no reader sees the blob; a failed block
 * fails the next write or the commit, which then commits nothing (Azure drops uncommitted blocks after a week).
 */
final class BlockUpload implements Storage.Upload {
    static final int BLOCK_BYTES = 4 << 20;
    static final int IN_FLIGHT = 4;

    private final BlockBlobClient blob;
    private final Executor transfers;
    private final String uploadId = UUID.randomUUID().toString();
    private final List<String> blockIds = new ArrayList<>();
    private final List<CompletableFuture<Void>> staging = new ArrayList<>();
    private final Semaphore slots = new Semaphore(IN_FLIGHT);
    private final ConcurrentLinkedQueue<byte[]> spare = new ConcurrentLinkedQueue<>();
    private volatile IOException failure;
    private byte[] buffer = new byte[BLOCK_BYTES];
    private int filled;

    BlockUpload(BlockBlobClient blob, Executor transfers) {
        this.blob = blob;
        this.transfers = transfers;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        failed();
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
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting to stage a block");
        }
        String id = Base64.getEncoder().encodeToString(
                String.format("%s-%08d", uploadId, blockIds.size()).getBytes(StandardCharsets.US_ASCII));
        byte[] block = buffer;
        int length = filled;
        blockIds.add(id);
        staging.add(CompletableFuture.runAsync(() -> {
            try {
                if (failure == null) {
                    blob.stageBlock(id, new ByteArrayInputStream(block, 0, length), length);
                }
            } catch (RuntimeException e) {
                failure = AzureBlobStorage.failure(e);
            } finally {
                spare.offer(block);
                slots.release();
            }
        }, transfers));
        byte[] next = spare.poll();
        buffer = next == null ? new byte[BLOCK_BYTES] : next;
        filled = 0;
    }

    @Override
    public void commit() throws IOException {
        if (filled > 0) {
            stage();
        }
        for (CompletableFuture<Void> block : staging) {
            try {
                block.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while blocks were staged");
            } catch (ExecutionException e) {
                failure = AzureBlobStorage.failure(e.getCause());
            }
        }
        failed();
        try {
            blob.commitBlockList(blockIds, true);
        } catch (RuntimeException e) {
            throw AzureBlobStorage.failure(e);
        }
    }

    private void failed() throws IOException {
        IOException failed = failure;
        if (failed != null) {
            throw new IOException(failed.getMessage(), failed);
        }
    }

    @Override
    public void abort() {
        // Blocks still staging finish unseen: nothing is committed. Later blocks skip the request.
        if (failure == null) {
            failure = new IOException("Upload aborted");
        }
        blockIds.clear();
        filled = 0;
    }
}
