package org.brickworks.clusters.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;

/** Reads the end of a driver log without loading the whole file: a driver that runs for days writes a lot. */
final class DriverLogTail {
    private DriverLogTail() {
    }

    /**
     * At most {@code maxBytes} bytes from the end of {@code file}, from the first full line on when the file is longer
     * (so no line or character is cut at the start, unless one line
     * alone is longer); empty when the file does not exist.
     */
    static String read(Path file, int maxBytes) {
        if (maxBytes <= 0) {
            throw BrickworksException.invalidParameter("The number of bytes to read must be positive, got " + maxBytes);
        }
        if (!Files.exists(file)) {
            return "";
        }
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, log.length() - maxBytes);
            byte[] bytes = new byte[(int) (log.length() - start)];
            log.seek(start);
            log.readFully(bytes);
            int from = start == 0 ? 0 : firstLineStart(bytes);
            return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BrickworksException(ErrorCode.INTERNAL_ERROR,
                    "Cannot read the driver log " + file + ": " + e.getMessage(), e);
        }
    }

    private static int firstLineStart(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return 0; // one line longer than the limit: its end is better than nothing
    }
}
