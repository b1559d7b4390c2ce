package org.brickworks.dbfs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.dbfs.api.Storage;
import org.junit.jupiter.api.Test;

class UploadHandlesTest {
    private final AtomicLong clock = new AtomicLong();
    private final UploadHandles handles = new UploadHandles(Duration.ofSeconds(10), clock::get);

    /** An upload into memory that records whether it was committed or aborted. */
    private static final class MemoryUpload implements Storage.Upload, UploadHandles.Pending {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean committed;
        boolean aborted;

        @Override
        public void write(byte[] data, int offset, int length) {
            bytes.write(data, offset, length);
        }

        @Override
        public void commit() {
            committed = true;
        }

        @Override
        public void abort() {
            aborted = true;
        }

        @Override
        public Storage.Upload upload() {
            return this;
        }

        @Override
        public void finish() {
            commit();
        }
    }

    @Test
    void blocksGoToTheirUploadInOrderAndCloseCommits() throws Exception {
        MemoryUpload upload = new MemoryUpload();
        long handle = handles.open(upload);
        handles.write(handle, new byte[] { 1, 2 });
        handles.write(handle, new byte[] { 3 });
        handles.finish(handle);
        assertThat(upload.bytes.toByteArray()).containsExactly(1, 2, 3);
        assertThat(upload.committed).isTrue();
        assertThatThrownBy(() -> handles.write(handle, new byte[1])).isInstanceOfSatisfying(
                BrickworksException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
    }

    @Test
    void idleUploadsAreAbortedAndTheirHandlesForgotten() throws Exception {
        MemoryUpload idle = new MemoryUpload();
        MemoryUpload busy = new MemoryUpload();
        long idleHandle = handles.open(idle);
        long busyHandle = handles.open(busy);
        clock.set(Duration.ofSeconds(8).toNanos());
        handles.write(busyHandle, new byte[] { 1 });
        clock.set(Duration.ofSeconds(11).toNanos());

        assertThat(handles.expire()).isEqualTo(1);
        assertThat(idle.aborted).isTrue();
        assertThat(busy.aborted).isFalse();
        assertThatThrownBy(() -> handles.finish(idleHandle)).isInstanceOf(BrickworksException.class);
        assertThat(handles.size()).isEqualTo(1);
    }

    @Test
    void unknownHandlesAreResourceDoesNotExist() {
        assertThatThrownBy(() -> handles.finish(42)).isInstanceOfSatisfying(BrickworksException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
    }

    @Test
    void handlesAreExactInEveryJsonReader() {
        for (int i = 0; i < 10_000; i++) {
            assertThat(handles.open(new MemoryUpload())).isPositive().isLessThanOrEqualTo((1L << 53) - 1);
        }
    }
}
