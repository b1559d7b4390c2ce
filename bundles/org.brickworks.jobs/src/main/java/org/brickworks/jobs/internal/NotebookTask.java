package org.brickworks.jobs.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.jobs.api.TaskRun;
import org.brickworks.jobs.api.TaskType;
import org.brickworks.jobs.api.dto.TaskResult;
import org.brickworks.notebooks.api.NotebookRunner;
import org.brickworks.notebooks.api.TaskValues;
import org.brickworks.notebooks.api.dto.ChildRun;
import org.brickworks.workspace.api.WorkspaceService;
import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * {@code notebook_task}: runs the workspace notebook {@code notebook_path} on the task's cluster with its widgets set
 * from {@code base_parameters}, then the run's {@code notebook_params}, then the job parameters (which win). Its
 * {@code dbutils.notebook.exit} value is the output's {@code notebook_output.result}, cut to 5 MB. Its cells'
 * {@code dbutils.jobs.taskValues} are the run's task values.
 */
@Component(service = TaskType.class, property = TaskType.NAME + "=notebook_task")
public class NotebookTask extends ClusterTaskType {
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
            run = service(NotebookRunner.class, "notebooks").runTask(path, task.clusterId(), widgets, task.user(),
                    new CellTaskValues(task));
        } catch (BrickworksException e) {
            return TaskResult.failure(e.getMessage(), "", Map.of(), "");
        }
        String exit = run.exitValue() == null ? "" : run.exitValue();
        boolean cut = exit.length() > RunExecution.MAX_OUTPUT_CHARS;
        Map<String, Object> output = Map.of("notebook_output",
                Map.of("result", cut ? exit.substring(0, RunExecution.MAX_OUTPUT_CHARS) : exit, "truncated", cut));
        TaskResult result = "SUCCESS".equals(run.resultState()) ? TaskResult.success(output, "")
                : TaskResult.failure(run.error(), "", output, "");
        return run.run() == null ? result : result.withViews(List.of(Map.of("name", path, "type", "NOTEBOOK",
                "content", NotebookPage.html(service(WorkspaceService.class, "workspace"), run.run()))));
    }

    /** The cells' {@code dbutils.jobs.taskValues}: this attempt's values, JSON text there, JSON values here. */
    record CellTaskValues(TaskRun task) implements TaskValues {
        /** The most bytes a value's JSON may take (Databricks' limit). */
        static final int MAX_JSON_BYTES = 48 * 1024;

        @Override
        public void set(String key, String json) {
            int bytes = json.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_JSON_BYTES) {
                throw BrickworksException.invalidParameter("The value of task value " + key + " takes " + bytes
                        + " bytes as JSON; at most " + MAX_JSON_BYTES + " are allowed");
            }
            Object value;
            try {
                value = RunStore.JSON.readValue(json, Object.class);
            } catch (JsonProcessingException e) {
                throw BrickworksException.invalidParameter("The value of task value " + key + " is not JSON: "
                        + e.getOriginalMessage());
            }
            task.setTaskValue(key, value);
        }

        @Override
        public String get(String taskKey, String key) {
            Map<String, Object> values = task.taskValues(taskKey);
            return values.containsKey(key) ? RunStore.text(RunStore.JSON.valueToTree(values.get(key))) : null;
        }
    }

    private static void putAll(Map<String, String> widgets, Object values) {
        if (values instanceof Map<?, ?> map) {
            map.forEach((name, value) -> widgets.put(String.valueOf(name), String.valueOf(value)));
        }
    }
}
