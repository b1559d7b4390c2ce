package org.brickworks.agent.execution;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.apache.spark.TaskContext;

/**
 * The parent class loader of a local driver's executor: classes it does not know are looked up among the classes the
 * cells of the execution context whose command submitted the task defined (a Scala REPL's, by the task's job group,
 * the command id), as the REPLs' class loaders are nobody's parents. REPLs number their lines apart, since the
 * executor keeps a class once loaded. Executors of remote workers do not see cells' classes (see runtimes/README.md).
 */
public final class ReplClassRouter extends ClassLoader {

    private static final String JOB_GROUP = "spark.jobGroup.id";
    private static final Map<String, Supplier<ClassLoader>> COMMANDS = new ConcurrentHashMap<>();

    public ReplClassRouter(ClassLoader parent) {
        super(parent);
    }

    /** While the command runs, its tasks load cells' classes from {@code loader} (which may give null: none). */
    static void enter(String commandId, Supplier<ClassLoader> loader) {
        COMMANDS.put(commandId, loader);
    }

    static void leave(String commandId) {
        COMMANDS.remove(commandId);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        TaskContext task = TaskContext.get();
        String group = task == null ? null : task.getLocalProperty(JOB_GROUP);
        Supplier<ClassLoader> command = group == null ? null : COMMANDS.get(group);
        ClassLoader cells = command == null ? null : command.get();
        if (cells == null) {
            throw new ClassNotFoundException(name);
        }
        return cells.loadClass(name);
    }
}
