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

    private record Entry(String contextId, CommandStatus status, boolean onlyHere) {
    }

    private final Map<String, Entry> entries = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > KEPT;
        }
    });

    /** A driver command's end, kept for its first status call. */
    void ended(String clusterId, String contextId, CommandStatus status) {
        entries.put(key(clusterId, status.id()), new Entry(contextId, status, false));
    }

    /** A platform command's end, kept for every status call (until it is among the oldest). */
    void endedHere(String clusterId, String contextId, CommandStatus status) {
        entries.put(key(clusterId, status.id()), new Entry(contextId, status, true));
    }

    /** Whether the command ran on the platform and is known here. */
    boolean isHere(String clusterId, String commandId) {
        Entry entry = entries.get(key(clusterId, commandId));
        return entry != null && entry.onlyHere();
    }

    /**
     * The end of command {@code commandId} of context {@code contextId} when it is known here, else null; a driver
     * command's is forgotten with this call.
     */
    CommandStatus take(String clusterId, String contextId, String commandId) {
        String key = key(clusterId, commandId);
        synchronized (entries) {
            Entry entry = entries.get(key);
            if (entry != null && !entry.contextId().equals(contextId)) {
                return null; // another context's: the driver answers that it has no such command of this context
            }
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
