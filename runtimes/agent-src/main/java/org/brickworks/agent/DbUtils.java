package org.brickworks.agent;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import scala.Tuple2;

/**
 * The {@code dbutils} of an execution context: {@code widgets}, {@code notebook.exit/run} and {@code fs}. Scala cells
 * call it directly; Python cells through their kernel's calls ({@link KernelCalls}), so both languages share one
 * context's widgets and files.
 */
public final class DbUtils {

    private final Widgets widgets;
    private final Notebook notebook;
    private final DbfsUtils fs;

    DbUtils(Widgets widgets, DbfsUtils fs, Notebook notebook) {
        this.widgets = widgets;
        this.fs = fs;
        this.notebook = notebook;
    }

    public Widgets widgets() {
        return widgets;
    }

    public Notebook notebook() {
        return notebook;
    }

    public DbfsUtils fs() {
        return fs;
    }

    /** A Scala map of Scala cells as Java's, in its order. */
    static Map<String, String> javaMap(scala.collection.Map<String, String> map) {
        Map<String, String> values = new LinkedHashMap<>();
        scala.collection.Iterator<Tuple2<String, String>> entries = map.iterator();
        while (entries.hasNext()) {
            Tuple2<String, String> entry = entries.next();
            values.put(entry._1(), String.valueOf(entry._2()));
        }
        return values;
    }

    /** {@code dbutils.notebook}. */
    public static final class Notebook {

        private final String contextId;
        private final PlatformCallback platform;
        private volatile String exitValue;

        Notebook(String contextId, PlatformCallback platform) {
            this.contextId = contextId;
            this.platform = platform;
        }

        /** Ends the command; its result is a text result of {@code value} marked {@code notebookExit}. */
        public void exit(String value) {
            exitValue = value == null ? "null" : value;
            throw new NotebookExit(exitValue);
        }

        /** The value the running command exited with, or null; and a fresh start. */
        String takeExit() {
            String value = exitValue;
            exitValue = null;
            return value;
        }

        public String run(String path, int timeoutSeconds) throws IOException, InterruptedException {
            return runWith(path, timeoutSeconds, Map.of());
        }

        /** Runs another notebook as a child run on this cluster; returns its exit value ({@link PlatformCallback}). */
        public String run(String path, int timeoutSeconds, scala.collection.Map<String, String> arguments)
                throws IOException, InterruptedException {
            return runWith(path, timeoutSeconds, javaMap(arguments));
        }

        /** As {@code run}, with Java's map: Python's calls. */
        String runWith(String path, int timeoutSeconds, Map<String, String> arguments)
                throws IOException, InterruptedException {
            return platform.runNotebook(contextId, path, timeoutSeconds, arguments);
        }
    }
}
