package org.brickworks.shell.ssh.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Turns a lone {@code \n} into {@code \r\n}, as a terminal's line discipline would: a client that asked for a PTY has
 * put its own terminal in raw mode, so without this every line would start where the previous ended. Not thread-safe;
 * wrap it in a {@link java.io.PrintStream} to share it.
 */
final class CrLfOutputStream extends FilterOutputStream {
    private int last = -1;

    CrLfOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (b == '\n' && last != '\r') {
            out.write('\r');
        }
        out.write(b);
        last = b & 0xff;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte previous = i > offset ? bytes[i - 1] : (byte) last;
            if (bytes[i] == '\n' && previous != '\r') {
                out.write(bytes, start, i - start);
                out.write('\r');
                start = i;
            }
        }
        out.write(bytes, start, end - start);
        if (length > 0) {
            last = bytes[end - 1] & 0xff;
        }
    }
}
