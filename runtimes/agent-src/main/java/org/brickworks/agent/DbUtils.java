package org.brickworks.agent;

/**
 * The {@code dbutils} object of Scala cells: {@code widgets}, {@code notebook.exit}, and {@code fs}, which fails until
 * the agent has DBFS.
 */
public final class DbUtils {

    private final Widgets widgets;
    private final Notebook notebook = new Notebook();
    private final Fs fs = new Fs();

    DbUtils(Widgets widgets) {
        this.widgets = widgets;
    }

    public Widgets widgets() {
        return widgets;
    }

    public Notebook notebook() {
        return notebook;
    }

    public Fs fs() {
        return fs;
    }

    /** {@code dbutils.notebook}. */
    public static final class Notebook {

        private volatile String exitValue;

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

        public String run(String path, int timeoutSeconds) {
            throw new UnsupportedOperationException(
                    "dbutils.notebook.run is not available in a command: run notebooks through the workspace");
        }
    }

    /** {@code dbutils.fs}: every call fails until the agent has DBFS. */
    public static final class Fs {

        static final String MESSAGE = "dbutils.fs: DBFS is not available yet";

        public Object ls(String path) {
            throw new UnsupportedOperationException(MESSAGE);
        }

        public String head(String path) {
            throw new UnsupportedOperationException(MESSAGE);
        }

        public boolean put(String path, String contents, boolean overwrite) {
            throw new UnsupportedOperationException(MESSAGE);
        }

        public boolean cp(String from, String to) {
            throw new UnsupportedOperationException(MESSAGE);
        }

        public boolean mv(String from, String to) {
            throw new UnsupportedOperationException(MESSAGE);
        }

        public boolean rm(String path, boolean recurse) {
            throw new UnsupportedOperationException(MESSAGE);
        }

        public boolean rm(String path) {
            return rm(path, false);
        }

        public boolean mkdirs(String path) {
            throw new UnsupportedOperationException(MESSAGE);
        }
    }
}
