package org.brickworks.jobs.internal;

import java.util.Map;

import org.brickworks.jobs.api.TaskRun;
import org.brickworks.jobs.api.TaskType;
import org.brickworks.jobs.api.dto.TaskResult;
import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * {@code spark_jar_task}: calls {@code main(String[])} of {@code main_class_name} in the task's driver with
 * {@code parameters} (or the run's {@code jar_params}); the class comes from a jar among the task's
 * {@code libraries} (installed on the cluster before the task), and {@code SparkSession.builder().getOrCreate()} in it
 * answers the cluster's session. What it prints is the task's logs; an exception fails the task with its trace.
 */
@Component(service = TaskType.class, property = TaskType.NAME + "=spark_jar_task")
public class JarTask extends ClusterTaskType {
    @Override
    public TaskResult run(TaskRun task) throws InterruptedException {
        Map<String, Object> payload = task.payload();
        Object parameters = task.runParameters().getOrDefault("jar_params", payload.get("parameters"));
        StringBuilder args = new StringBuilder();
        for (String argument : PythonScripts.arguments(parameters, null)) {
            args.append(args.length() == 0 ? "" : ", ").append(scalaString(argument));
        }
        String command = "val _main = Class.forName(" + scalaString(String.valueOf(payload.get("main_class_name")))
                + ")\n"
                + "try _main.getMethod(\"main\", classOf[Array[String]]).invoke(null, Array[String](" + args + "))\n"
                + "catch { case e: java.lang.reflect.InvocationTargetException => throw e.getCause }\n";
        return runScript(task, "scala", command);
    }

    /** A Scala string literal: JSON's escapes are Scala's. */
    static String scalaString(String text) {
        try {
            return RunStore.JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
