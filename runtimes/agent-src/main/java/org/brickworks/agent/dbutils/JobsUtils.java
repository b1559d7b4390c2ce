package org.brickworks.agent.dbutils;

/** {@code dbutils.jobs}: {@code taskValues}. */
public final class JobsUtils {

    private final TaskValues taskValues;

    JobsUtils(TaskValues taskValues) {
        this.taskValues = taskValues;
    }

    public TaskValues taskValues() {
        return taskValues;
    }

    public void help() {
        DbUtilsHelp.print("jobs", "");
    }

    public void help(String method) {
        DbUtilsHelp.print("jobs", method);
    }
}
