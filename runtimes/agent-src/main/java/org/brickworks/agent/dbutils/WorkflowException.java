package org.brickworks.agent.dbutils;

/** {@code dbutils.notebook.run}: the child notebook failed or timed out (Databricks' {@code WorkflowException}). */
public final class WorkflowException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    WorkflowException(String message) {
        super(message);
    }
}
