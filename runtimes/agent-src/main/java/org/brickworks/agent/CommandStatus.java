package org.brickworks.agent;

/** A command's state, named as the Command Execution API 1.2 names it. */
enum CommandStatus {
    QUEUED("Queued"), RUNNING("Running"), FINISHED("Finished"), CANCELLED("Cancelled"), ERROR("Error");

    private final String apiName;

    CommandStatus(String apiName) {
        this.apiName = apiName;
    }

    String apiName() {
        return apiName;
    }

    boolean isFinal() {
        return this == FINISHED || this == CANCELLED || this == ERROR;
    }
}
