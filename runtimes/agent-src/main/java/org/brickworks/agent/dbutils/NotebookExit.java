package org.brickworks.agent.dbutils;

/** Thrown by {@code dbutils.notebook.exit(value)}: ends the running command with an exit result. */
public final class NotebookExit extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String value;

    NotebookExit(String value) {
        super("Notebook exited: " + value, null, false, false);
        this.value = value;
    }

    public String value() {
        return value;
    }
}
