package org.brickworks.rest.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A request body read as it arrives, failing with REQUEST_LIMIT_EXCEEDED once it passes the configured limit. */
final class BoundedBody extends FilterInputStream {
    private final long limit;
    private long read;

    BoundedBody(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? -1 : 1);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        count(n);
        return n;
    }

    private void count(int n) {
        if (n > 0 && (read += n) > limit) {
            throw ApiError.tooLarge(limit);
        }
    }
}
