package org.brickworks.jobs.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.brickworks.jobs.api.TaskRun;
import org.brickworks.jobs.api.TaskType;
import org.brickworks.jobs.api.dto.TaskResult;
import org.osgi.service.component.annotations.Component;

/**
 * {@code python_wheel_task}: calls the entry point {@code entry_point} of the installed distribution
 * {@code package_name} (the wheel comes from the task's {@code libraries}), or, when the distribution declares none of
 * that name, the function of that name in the package's module; {@code parameters} (or {@code named_parameters} as
 * {@code --name=value}, or the run's {@code python_params}/{@code python_named_params}) are its {@code sys.argv[1:]}.
 */
@Component(service = TaskType.class, property = TaskType.NAME + "=python_wheel_task")
public class PythonWheelTask extends ClusterTaskType {
    @Override
    public TaskResult run(TaskRun task) throws InterruptedException {
        Map<String, Object> payload = task.payload();
        String packageName = String.valueOf(payload.get("package_name"));
        String entryPoint = String.valueOf(payload.get("entry_point"));
        Map<String, Object> run = task.runParameters();
        List<String> argv = new ArrayList<>(List.of(packageName));
        argv.addAll(run.containsKey("python_params") || run.containsKey("python_named_params")
                ? PythonScripts.arguments(run.get("python_params"), run.get("python_named_params"))
                : PythonScripts.arguments(payload.get("parameters"), payload.get("named_parameters")));
        String call = "from importlib import metadata as _md\n"
                + "import importlib as _il\n"
                + "_package = " + PythonScripts.pythonString(packageName) + "\n"
                + "_entry = " + PythonScripts.pythonString(entryPoint) + "\n"
                + "try:\n"
                + "    _points = [e for e in _md.distribution(_package).entry_points if e.name == _entry]\n"
                + "except _md.PackageNotFoundError:\n"
                + "    raise ModuleNotFoundError('No installed distribution ' + _package"
                + " + ': add its wheel to the task\\'s libraries')\n"
                + "_function = _points[0].load() if _points else getattr("
                + "_il.import_module(_package.replace('-', '_')), _entry)\n"
                + "_function()\n";
        return runScript(task, "python", PythonScripts.command(argv, call));
    }
}
