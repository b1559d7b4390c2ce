package org.brickworks.notebooks.internal;

import java.util.Map;

import org.brickworks.notebooks.api.TaskValues;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The execution contexts of the notebook runs in progress, by cluster and context id: which notebook runs in a context
 * now and for whom, so a {@code dbutils.notebook.run} from that context resolves relative paths against it, and
 * {@code dbutils.jobs.taskValues} reach the job task it runs as. Lost on
 * restart with the runs themselves. Thread-safe.
 */
final class RunningNotebooks {

    /** What runs in one context; {@code path} follows {@code %run}; the task values of the job task it runs as. */
    static final class Entry {
        private final String user;
        private final TaskValues taskValues;
        private volatile String path;

        Entry(String user, String path, TaskValues taskValues) {
            this.user = user;
            this.path = path;
            this.taskValues = taskValues;
        }

        String user() {
            return user;
        }

        /** Null when the run is no job task's. */
        TaskValues taskValues() {
            return taskValues;
        }

        String path() {
            return path;
        }

        void path(String current) {
            path = current;
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    void put(String clusterId, String contextId, Entry entry) {
        entries.put(key(clusterId, contextId), entry);
    }

    /** The run in the context, or null when it is no notebook run's. */
    Entry get(String clusterId, String contextId) {
        return entries.get(key(clusterId, contextId));
    }

    void remove(String clusterId, String contextId) {
        entries.remove(key(clusterId, contextId));
    }

    private static String key(String clusterId, String contextId) {
        return clusterId + "/" + contextId;
    }
}
