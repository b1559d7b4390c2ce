package org.brickworks.jobs.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.brickworks.core.api.Awaiting;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.jobs.api.TaskRun;
import org.brickworks.jobs.api.TaskType;
import org.brickworks.jobs.api.dto.TaskResult;
import org.brickworks.notebooks.api.NotebookRunner;
import org.brickworks.notebooks.api.dto.ChildRun;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.ServiceTracker;

/**
 * {@code notebook_task}: runs the workspace notebook {@code notebook_path} on the task's cluster with its widgets set
 * from {@code base_parameters}, then the run's {@code notebook_params}, then the job parameters (which win). Its
 * {@code dbutils.notebook.exit} value is the output's {@code notebook_output.result}, cut to 5 MB.
 */
@Component(service = TaskType.class, property = TaskType.NAME + "=notebook_task")
public class NotebookTask implements TaskType {
    private final ServiceTracker<NotebookRunner, NotebookRunner> tracker;
    /** Not a reference: an update of its bundle must not take this type away; calls wait for the new provider. */
    private final NotebookRunner notebooks;

    @Activate
    public NotebookTask(BundleContext context) {
        tracker = new ServiceTracker<>(context, NotebookRunner.class, null);
        tracker.open();
        notebooks = Awaiting.proxy(tracker, NotebookRunner.class, "notebooks");
    }

    @Deactivate
    void close() {
        tracker.close();
    }

    @Override
    public boolean runsOnCluster() {
        return true;
    }

    @Override
    public TaskResult run(TaskRun task) {
        Map<String, Object> payload = task.payload();
        if ("GIT".equals(payload.get("source"))) {
            return TaskResult.failure("notebook_task.source GIT is not supported: run a workspace notebook", "",
                    Map.of(), "");
        }
        String path = String.valueOf(payload.get("notebook_path"));
        Map<String, String> widgets = new LinkedHashMap<>();
        putAll(widgets, payload.get("base_parameters"));
        putAll(widgets, task.runParameters().get("notebook_params"));
        widgets.putAll(task.jobParameters());
        ChildRun run;
        try {
            run = notebooks.runToExit(path, task.clusterId(), widgets, task.user());
        } catch (BrickworksException e) {
            return TaskResult.failure(e.getMessage(), "", Map.of(), "");
        }
        String exit = run.exitValue() == null ? "" : run.exitValue();
        boolean cut = exit.length() > RunExecution.MAX_OUTPUT_CHARS;
        Map<String, Object> output = Map.of("notebook_output",
                Map.of("result", cut ? exit.substring(0, RunExecution.MAX_OUTPUT_CHARS) : exit, "truncated", cut));
        return "SUCCESS".equals(run.resultState()) ? TaskResult.success(output, "")
                : TaskResult.failure(run.error(), "", output, "");
    }

    private static void putAll(Map<String, String> widgets, Object values) {
        if (values instanceof Map<?, ?> map) {
            map.forEach((name, value) -> widgets.put(String.valueOf(name), String.valueOf(value)));
        }
    }
}
