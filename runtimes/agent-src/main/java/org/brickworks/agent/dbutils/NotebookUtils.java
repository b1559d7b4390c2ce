package org.brickworks.agent.dbutils;

import java.io.IOException;
import java.util.Map;

/** {@code dbutils.notebook}: {@code exit} ends the command with a value, {@code run} runs another notebook. */
public final class NotebookUtils {

    private static final String MODULE = "notebook";

    private final String contextId;
    private final PlatformCallback platform;
    private volatile String exitValue;

    NotebookUtils(String contextId, PlatformCallback platform) {
        this.contextId = contextId;
        this.platform = platform;
    }

    /** Ends the command; its result is a text result of {@code value} marked {@code notebookExit}. */
    public void exit(String value) {
        exitValue = value == null ? "null" : value;
        throw new NotebookExit(exitValue);
    }

    /** The value the running command exited with, or null; and a fresh start. */
    public String takeExit() {
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
        return runWith(path, timeoutSeconds, DbUtils.javaMap(arguments));
    }

    /** As {@code run}, with Java's map: Python's calls. */
    public String runWith(String path, int timeoutSeconds, Map<String, String> arguments)
            throws IOException, InterruptedException {
        return platform.runNotebook(contextId, path, timeoutSeconds, arguments);
    }

    public void help() {
        DbUtilsHelp.print(MODULE, "");
    }

    public void help(String method) {
        DbUtilsHelp.print(MODULE, method);
    }
}
