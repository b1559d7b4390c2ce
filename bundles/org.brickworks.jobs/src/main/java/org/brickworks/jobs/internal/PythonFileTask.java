package org.brickworks.jobs.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.jobs.api.TaskRun;
import org.brickworks.jobs.api.TaskType;
import org.brickworks.jobs.api.dto.TaskResult;
import org.osgi.service.component.annotations.Component;

/**
 * {@code spark_python_task}: runs {@code python_file} (a workspace file or {@code dbfs:/...}) as a script on the
 * task's driver, with {@code parameters} (or the run's {@code python_params}) as {@code sys.argv[1:]}; what it prints
 * is the task's logs. The script gets the cluster's session from {@code SparkSession.builder.getOrCreate()}.
 */
@Component(service = TaskType.class, property = TaskType.NAME + "=spark_python_task")
public class PythonFileTask extends ClusterTaskType {
    @Override
    public TaskResult run(TaskRun task) throws InterruptedException {
        Map<String, Object> payload = task.payload();
        if ("GIT".equals(payload.get("source"))) {
            return TaskResult.failure("spark_python_task.source GIT is not supported: give a workspace or dbfs:/"
                    + " python_file", "", Map.of(), "");
        }
        String file = String.valueOf(payload.get("python_file"));
        String source;
        try {
            source = read(file);
        } catch (BrickworksException e) {
            return TaskResult.failure("spark_python_task.python_file " + file + ": " + e.getMessage(), "", Map.of(),
                    "");
        }
        Object parameters = task.runParameters().getOrDefault("python_params", payload.get("parameters"));
        List<String> argv = new ArrayList<>(List.of(file));
        argv.addAll(PythonScripts.arguments(parameters, null));
        return runScript(task, "python", PythonScripts.command(argv, PythonScripts.script(file, source)));
    }
}
