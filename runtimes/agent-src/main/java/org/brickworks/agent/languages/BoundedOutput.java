package org.brickworks.agent.languages;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A command's captured output, kept up to a limit: what comes after it is dropped and the text says so, as Databricks'
 * notebooks do. Thread-safe (Spark may print from other threads while a command runs).
 */
public final class BoundedOutput extends OutputStream {

    public static final int DEFAULT_LIMIT = 1 << 20;
    public static final String TRUNCATION_NOTE = "\n*** WARNING: max output size exceeded, skipping output. ***";

    private final int limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private boolean truncated;

    public BoundedOutput(int limit) {
        this.limit = limit;
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] { (byte) b }, 0, 1);
    }

    @Override
    public synchronized void write(byte[] data, int offset, int length) {
        int room = limit - bytes.size();
        if (length > room) {
            truncated = true;
        }
        bytes.write(data, offset, Math.max(0, Math.min(room, length)));
    }

    /** The output so far (with the truncation note when some was dropped), and a fresh start. */
    public synchronized String take() {
        String text = bytes.toString(StandardCharsets.UTF_8) + (truncated ? TRUNCATION_NOTE : "");
        bytes.reset();
        truncated = false;
        return text;
    }
}
