package org.brickworks.jobs.internal;

import java.util.Map;

import org.brickworks.jobs.api.TaskRun;
import org.brickworks.jobs.api.TaskType;
import org.brickworks.jobs.api.dto.TaskResult;

/** {@code for_each_task}: its run's execution runs the nested task per input ({@link RunExecution#iterate}). */
final class ForEachTask implements TaskType {
    private final RunEngine engine;

    ForEachTask(RunEngine engine) {
        this.engine = engine;
    }

    @Override
    public boolean runsOnCluster() {
        return false;
    }

    @Override
    public TaskResult run(TaskRun task) throws InterruptedException {
        RunExecution run = engine.execution(task.runId());
        return run == null ? TaskResult.failure("The run is no longer active", "", Map.of(), "") : run.iterate(task);
    }
}
