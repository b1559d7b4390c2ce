package org.brickworks.execution.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.brickworks.execution.api.dto.CommandStatus;

/**
 * Ended commands the platform answers without asking a driver, by cluster and command id, the oldest dropped beyond
 * {@value #KEPT}: a driver command that ended while {@code execute} waited, until its first status call (the driver
 * keeps it too), and a platform language's command, which only the platform has. Thread-safe.
 */
final class FinishedCommands {
    static final int KEPT = 256;

    private record Entry(CommandStatus status, boolean onlyHere) {
    }

    private final Map<String, Entry> entries = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > KEPT;
        }
    });

    /** A driver command's end, kept for its first status call. */
    void ended(String clusterId, CommandStatus status) {
        entries.put(key(clusterId, status.id()), new Entry(status, false));
    }

    /** A platform command's end, kept for every status call (until it is among the oldest). */
    void endedHere(String clusterId, CommandStatus status) {
        entries.put(key(clusterId, status.id()), new Entry(status, true));
    }

    /** Whether the command ran on the platform and is known here. */
    boolean isHere(String clusterId, String commandId) {
        Entry entry = entries.get(key(clusterId, commandId));
        return entry != null && entry.onlyHere();
    }

    /** The command's end when it is known here, else null; a driver command's is forgotten with this call. */
    CommandStatus take(String clusterId, String commandId) {
        String key = key(clusterId, commandId);
        synchronized (entries) {
            Entry entry = entries.get(key);
            if (entry != null && !entry.onlyHere()) {
                entries.remove(key);
            }
            return entry == null ? null : entry.status();
        }
    }

    private static String key(String clusterId, String commandId) {
        return clusterId + "/" + commandId;
    }
}
