package org.brickworks.agent.dbfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

import org.brickworks.agent.protocol.MountTable;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The driver's copy of the mount table as an executor in another JVM reads it: again when the file changed (the
 * driver replaces it whole, so its identity and time change), which is checked when a path is resolved, at most once
 * per {@code recheckMillis}; nothing runs in the background. Thread-safe.
 */
final class MountTableFile implements MountSource {

    private static final MountTable NONE = new MountTable(Long.MIN_VALUE, List.of());

    private final Path file;
    private final long recheckNanos;
    private final ObjectMapper json = new ObjectMapper();
    private volatile MountTable table = NONE;
    private volatile long checkedAt;
    private volatile String seen = "";

    /** {@code file}: null when the driver gave none (no mounts). */
    MountTableFile(Path file, long recheckMillis) {
        this.file = file;
        this.recheckNanos = recheckMillis * 1_000_000;
        this.checkedAt = System.nanoTime() - recheckNanos - 1;
    }

    @Override
    public MountTable table() throws IOException {
        long now = System.nanoTime();
        if (file != null && now - checkedAt > recheckNanos) {
            synchronized (this) {
                if (now - checkedAt > recheckNanos) {
                    reload();
                    checkedAt = System.nanoTime();
                }
            }
        }
        return table;
    }

    private void reload() throws IOException {
        String identity;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            identity = attributes.fileKey() + "/" + attributes.lastModifiedTime().toMillis() + "/" + attributes.size();
        } catch (NoSuchFileException e) {
            table = NONE;
            seen = "";
            return;
        }
        if (!identity.equals(seen)) {
            table = json.readValue(file.toFile(), MountTable.class);
            seen = identity;
        }
    }
}
