package org.brickworks.jobs.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.brickworks.jobs.api.TaskRun;
import org.brickworks.jobs.api.TaskType;
import org.brickworks.jobs.api.dto.TaskResult;

/**
 * {@code run_job_task}: runs another job ({@code job_id}, with {@code job_parameters}) and waits for its run, whose id
 * the task's output links as {@code run_job_output.run_id}; the task succeeds when that run does.
 */
final class RunJobTask implements TaskType {
    private final RunEngine engine;

    RunJobTask(RunEngine engine) {
        this.engine = engine;
    }

    @Override
    public boolean runsOnCluster() {
        return false;
    }

    @Override
    public TaskResult run(TaskRun task) throws InterruptedException {
        long jobId = Long.parseLong(String.valueOf(task.payload().get("job_id")));
        Map<String, Object> request = new LinkedHashMap<>();
        if (task.payload().get("job_parameters") instanceof Map<?, ?> parameters) {
            request.put("job_parameters", parameters);
        }
        long childRunId = engine.runChild(jobId, request, task.user());
        Map<String, Object> child = engine.awaitEnd(childRunId);
        Map<String, Object> output = Map.of("run_job_output", Map.of("run_id", childRunId));
        Object state = child.get("state") instanceof Map<?, ?> s ? s.get("result_state") : null;
        if ("SUCCESS".equals(state)) {
            return TaskResult.success(output, "");
        }
        return TaskResult.failure("The run " + childRunId + " of job " + jobId + " ended " + state, "", output, "");
    }
}
