package org.brickworks.agent.dbfs;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The platform's mount table as this driver last read it: the file (see the platform's {@code DriverAccess}) is read
 * again when its modification time or size changes, checked at most once per {@code recheckMillis}, so a mount made
 * while the cluster runs is seen within that time. Thread-safe.
 */
final class MountTable {
    /** One mount: its point ({@code /mnt/raw}), source URI and settings (credentials: never logged). */
    record Mount(String mountPoint, URI source, Map<String, String> settings) {
        @Override
        public String toString() {
            return "Mount[" + mountPoint + " -> " + source + "]";
        }
    }

    private final Path file;
    private final long recheckNanos;
    private final ObjectMapper json = new ObjectMapper();
    private volatile List<Mount> mounts = List.of();
    private volatile long checkedAt;
    private volatile String seen = "";

    MountTable(Path file, long recheckMillis) {
        this.file = file;
        this.recheckNanos = recheckMillis * 1_000_000;
        this.checkedAt = System.nanoTime() - recheckNanos - 1;
    }

    List<Mount> mounts() throws IOException {
        long now = System.nanoTime();
        if (file != null && now - checkedAt > recheckNanos) {
            synchronized (this) {
                if (now - checkedAt > recheckNanos) {
                    reload();
                    checkedAt = System.nanoTime();
                }
            }
        }
        return mounts;
    }

    private void reload() throws IOException {
        String version;
        try {
            version = Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file);
        } catch (NoSuchFileException e) {
            mounts = List.of();
            seen = "";
            return;
        }
        if (version.equals(seen)) {
            return;
        }
        List<Mount> read = new ArrayList<>();
        for (JsonNode node : json.readTree(file.toFile()).path("mounts")) {
            Map<String, String> settings = new LinkedHashMap<>();
            node.path("extra_configs").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
            read.add(new Mount(node.path("mount_point").asText(), URI.create(node.path("source").asText()),
                    Collections.unmodifiableMap(settings)));
        }
        mounts = List.copyOf(read);
        seen = version;
    }

    /** The mount {@code dbfsPath} (normalised, absolute) lies in, or null. */
    Mount find(String dbfsPath) throws IOException {
        for (Mount mount : mounts()) {
            if (dbfsPath.equals(mount.mountPoint()) || dbfsPath.startsWith(mount.mountPoint() + "/")) {
                return mount;
            }
        }
        return null;
    }
}
