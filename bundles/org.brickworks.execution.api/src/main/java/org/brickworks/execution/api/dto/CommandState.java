package org.brickworks.execution.api.dto;

/** A command's state; {@link #apiName()} is how the Command Execution API 1.2 names it. */
public enum CommandState {
    QUEUED("Queued"), RUNNING("Running"), FINISHED("Finished"), CANCELLED("Cancelled"), ERROR("Error");

    private final String apiName;

    CommandState(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    /** Whether the command has ended: its state and result no longer change. */
    public boolean isFinal() {
        return this == FINISHED || this == CANCELLED || this == ERROR;
    }
}
