package org.brickworks.agent.protocol;

import com.fasterxml.jackson.annotation.JsonValue;

/** A command's state, on the wire as the Command Execution API 1.2 names it ({@code Finished}, ...). */
public enum CommandState {
    QUEUED("Queued"), RUNNING("Running"), FINISHED("Finished"), CANCELLED("Cancelled"), ERROR("Error");

    private final String apiName;

    CommandState(String apiName) {
        this.apiName = apiName;
    }

    @JsonValue
    public String apiName() {
        return apiName;
    }

    /** Whether the command has ended: its state and result no longer change. */
    public boolean isFinal() {
        return this == FINISHED || this == CANCELLED || this == ERROR;
    }
}
