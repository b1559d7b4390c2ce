package org.brickworks.agent.dbutils;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The help of {@code dbutils}, the one text every language shows ({@code dbutils.help()}, {@code dbutils.fs.help()},
 * {@code dbutils.fs.help("cp")}, in Scala cells directly, in Python cells through the kernel's calls): the modules with
 * one line each, a module's methods with their signatures (Scala's, as Databricks shows them in every language) and
 * one line each, one method's documentation. Stateless.
 */
public final class DbUtilsHelp {

    /** One method: its group heading within the module ("" for none), signature, one line and its documentation. */
    private record Method(String group, String name, String signature, String summary, String doc) {
    }

    private record Module(String name, String type, String summary, String intro, List<Method> methods) {
        Method method(String methodName) {
            return methods.stream().filter(method -> method.name().equals(methodName)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(methodName + " is not a method of dbutils." + name
                            + "; its methods: " + names(methods, Method::name)));
        }
    }

    private static final String INTRO = "This module provides various utilities for users to interact with the rest"
            + " of Brickworks. For more info about a module, use dbutils.<module>.help().";

    private static final List<Module> MODULES = List.of(new Module("fs", "DbfsUtils",
            "Manipulates the Databricks filesystem (DBFS) from the console",
            "dbutils.fs provides utilities for working with FileSystems. Most methods in this package can take either"
                    + " a DBFS path (e.g., \"/foo\" or \"dbfs:/foo\"), or another FileSystem URI. For more info about a"
                    + " method, use dbutils.fs.help(\"methodName\"). In notebooks, you can also use the %fs shorthand"
                    + " to access DBFS. The %fs shorthand maps straightforwardly onto dbutils calls. For example,"
                    + " \"%fs head /file/in/dbfs 10000\" maps to \"dbutils.fs.head(\"/file/in/dbfs\", 10000)\".",
            List.of(new Method("fsutils", "cp", "cp(from: String, to: String, recurse: boolean = false): boolean",
                    "Copies a file or directory, possibly across FileSystems",
                    "Example: cp(\"/mnt/my-folder/a\", \"dbfs:/a/b\")\n\n@param from FileSystem URI of the source file"
                            + " or directory\n@param to FileSystem URI of the destination file or directory\n"
                            + "@param recurse if true, all files and directories will be recursively copied\n"
                            + "@return true if all files were successfully copied"),
                    new Method("fsutils", "head", "head(file: String, maxBytes: int = 65536): String",
                            "Returns up to the first 'maxBytes' bytes of the given file as a String encoded in UTF-8",
                            "Example: head(\"/mnt/my-folder/a.txt\", 100)\n\n@param file FileSystem URI of the file\n"
                                    + "@param maxBytes the most bytes to read\n@return the bytes as UTF-8 text"),
                    new Method("fsutils", "ls", "ls(dir: String): Seq", "Lists the contents of a directory",
                            "Example: ls(\"/mnt/my-folder/\")\n\n@param dir FileSystem URI of a directory (or a"
                                    + " file)\n@return FileInfo(path, name, size, modificationTime) of each entry;"
                                    + " a directory's path and name end with /"),
                    new Method("fsutils", "mkdirs", "mkdirs(dir: String): boolean",
                            "Creates the given directory if it does not exist, also creating any necessary parent"
                                    + " directories",
                            "Example: mkdirs(\"/mnt/my-folder/new\")\n\n@param dir FileSystem URI of the directory\n"
                                    + "@return true if the directory exists now"),
                    new Method("fsutils", "mv", "mv(from: String, to: String, recurse: boolean = false): boolean",
                            "Moves a file or directory, possibly across FileSystems",
                            "Example: mv(\"/mnt/my-folder/a\", \"dbfs:/a/b\")\n\n@param from FileSystem URI of the"
                                    + " source file or directory\n@param to FileSystem URI of the destination\n"
                                    + "@param recurse if true, a directory is moved with everything in it\n"
                                    + "@return true if the move succeeded"),
                    new Method("fsutils", "put", "put(file: String, contents: String, overwrite: boolean = false):"
                            + " boolean", "Writes the given String out to a file, encoded in UTF-8",
                            "Example: put(\"/mnt/my-folder/a.txt\", \"hello\", true)\n\n@param file FileSystem URI of"
                                    + " the file\n@param contents the text to write\n@param overwrite if false, an"
                                    + " existing file is an error\n@return true if the file was written"),
                    new Method("fsutils", "rm", "rm(dir: String, recurse: boolean = false): boolean",
                            "Removes a file or directory",
                            "Example: rm(\"/mnt/my-folder/a\", true)\n\n@param dir FileSystem URI of the file or"
                                    + " directory\n@param recurse if true, a directory is removed with everything in"
                                    + " it\n@return true if something was removed"),
                    new Method("mount", "mount", "mount(source: String, mountPoint: String, extraConfigs: Map ="
                            + " Map.empty[String, String]): boolean",
                            "Mounts the given source directory into DBFS at the given mount point",
                            "Example: mount(\"wasbs://container@account.blob.core.windows.net/folder\", \"/mnt/raw\","
                                    + " Map(\"fs.azure.account.key.account.blob.core.windows.net\" -> key))\n\n"
                                    + "@param source the storage URI\n@param mountPoint /mnt/<name>\n@param"
                                    + " extraConfigs the storage's settings and credentials\n@return true once every"
                                    + " cluster sees the mount"),
                    new Method("mount", "mounts", "mounts: Seq",
                            "Displays information about what is mounted within DBFS",
                            "@return MountInfo(mountPoint, source) of the DBFS root and each mount"),
                    new Method("mount", "unmount", "unmount(mountPoint: String): boolean",
                            "Deletes a DBFS mount point",
                            "Example: unmount(\"/mnt/raw\")\n\n@param mountPoint /mnt/<name>\n"
                                    + "@return true once every cluster stopped seeing the mount"))),
            new Module("jobs", "JobsUtils", "Utilities for leveraging jobs features",
                    "The jobs module. For more info about a method, use dbutils.jobs.help(\"methodName\").",
                    List.of(new Method("", "taskValues", "taskValues: TaskValuesUtils",
                            "Provides utilities for leveraging job task values",
                            "See dbutils.jobs.taskValues.help()"))),
            new Module("jobs.taskValues", "TaskValuesUtils", "Provides utilities for leveraging job task values",
                    "dbutils.jobs.taskValues passes values between the tasks of a job run. For more info about a"
                            + " method, use dbutils.jobs.taskValues.help(\"methodName\").",
                    List.of(new Method("", "get",
                            "get(taskKey: String, key: String, default: Any, debugValue: Any): Any",
                            "Returns the latest task value that belongs to the current job run",
                            "Example: get(\"ingest\", \"rows\", 0, 42)\n\n@param taskKey the task that set the"
                                    + " value\n@param key the value's name\n@param default what to return when the"
                                    + " task set no such value; without one that is an error\n@param debugValue"
                                    + " what to return outside a job run; without one that is an error"),
                            new Method("", "set", "set(key: String, value: Any): void",
                                    "Sets a task value on the current task run",
                                    "Example: set(\"rows\", 42)\n\n@param key the value's name, unique within the"
                                            + " task\n@param value a value JSON represents in at most 48 KiB;"
                                            + " outside a job run nothing is set"))),
            new Module("notebook", "NotebookUtils", "Utilities for the control flow of a notebook",
                    "The notebook module. For more info about a method, use dbutils.notebook.help(\"methodName\").",
                    List.of(new Method("", "exit", "exit(value: String): void",
                            "This method lets you exit a notebook with a value",
                            "Example: exit(\"done\")\n\n@param value the notebook's exit value, which a caller's"
                                    + " run() returns"),
                            new Method("", "run", "run(path: String, timeoutSeconds: int, arguments: Map): String",
                                    "This method runs a notebook and returns its exit value",
                                    "Example: run(\"./child\", 60, Map(\"day\" -> \"2024-01-01\"))\n\n@param path the"
                                            + " notebook, relative to the calling one or absolute\n@param"
                                            + " timeoutSeconds 0 for no limit\n@param arguments its widget values\n"
                                            + "@return its exit value; a failed or timed-out run throws"))),
            new Module("secrets", "SecretUtils", "Provides utilities for leveraging secrets within notebooks",
                    "dbutils.secrets reads the platform's secret scopes with the rights of the notebook's user; a"
                            + " value a command prints is shown as [REDACTED]. For more info about a method, use"
                            + " dbutils.secrets.help(\"methodName\").",
                    List.of(new Method("", "get", "get(scope: String, key: String): String",
                            "Gets the string representation of a secret value with scope and key",
                            "Example: get(\"team\", \"password\")\n\n@param scope the secret scope\n@param key the"
                                    + " secret's key\n@return its value as UTF-8 text; the caller needs READ on the"
                                    + " scope"),
                            new Method("", "getBytes", "getBytes(scope: String, key: String): byte[]",
                                    "Gets the bytes representation of a secret value with scope and key",
                                    "Example: getBytes(\"team\", \"keystore\")\n\n@param scope the secret scope\n"
                                            + "@param key the secret's key\n@return its value"),
                            new Method("", "list", "list(scope: String): Seq",
                                    "Lists secret metadata for secrets within a scope",
                                    "Example: list(\"team\")\n\n@param scope the secret scope\n@return"
                                            + " SecretMetadata(key) of each secret, never its value"),
                            new Method("", "listScopes", "listScopes: Seq", "Lists secret scopes",
                                    "@return SecretScope(name) of each scope"))),
            new Module("widgets", "WidgetsUtils",
                    "Methods to create and get bound value of input widgets inside notebooks",
                    "dbutils.widgets provides utilities for working with notebook widgets. You can create different"
                            + " types of widgets and get their bound value. For more info about a method, use"
                            + " dbutils.widgets.help(\"methodName\").",
                    List.of(new Method("", "dropdown",
                            "dropdown(name: String, defaultValue: String, choices: Seq, label: String): void",
                            "Creates a dropdown input widget a with given name, default value and choices",
                            "Example: dropdown(\"size\", \"S\", Seq(\"S\", \"L\"))\n\n@param name the widget\n"
                                    + "@param defaultValue one of the choices\n@param choices the values offered"),
                            new Method("", "get", "get(name: String): String",
                                    "Retrieves current value of an input widget",
                                    "Example: get(\"size\")\n\n@param name the widget, or a parameter of the run\n"
                                            + "@return the run's parameter, else the widget's default"),
                            new Method("", "getArgument", "getArgument(name: String, optional: String): String",
                                    "(DEPRECATED) Equivalent to get",
                                    "@param optional what to answer when there is no such widget or parameter"),
                            new Method("", "remove", "remove(name: String): void",
                                    "Removes an input widget from the notebook", "@param name the widget"),
                            new Method("", "removeAll", "removeAll: void", "Removes all widgets in the notebook", ""),
                            new Method("", "text", "text(name: String, defaultValue: String, label: String): void",
                                    "Creates a text input widget with a given name and default value",
                                    "Example: text(\"who\", \"world\")\n\n@param name the widget\n@param"
                                            + " defaultValue its value when the run passes none"))));

    private DbUtilsHelp() {
    }

    /**
     * The help of {@code dbutils} ({@code module} empty), of one module ({@code method} empty) or of one method.
     *
     * @throws IllegalArgumentException
     *             for a module or method there is not, naming those there are
     */
    public static String text(String module, String method) {
        if (module.isEmpty()) {
            return INTRO + "\n\n"
                    + MODULES.stream().filter(m -> !m.name().contains("."))
                            .map(m -> m.name() + ": " + m.type() + " -> " + m.summary())
                            .collect(Collectors.joining("\n"));
        }
        Module found = MODULES.stream().filter(m -> m.name().equals(module)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("dbutils has no module " + module + "; its modules: "
                        + names(MODULES, Module::name)));
        return method.isEmpty() ? moduleText(found) : methodText(found.method(method));
    }

    /** Prints the help on a Scala cell's output. */
    static void print(String module, String method) {
        scala.Console.out().println(text(module, method));
    }

    private static <T> String names(List<T> items, Function<T, String> name) {
        return items.stream().map(name).collect(Collectors.joining(", "));
    }

    private static String moduleText(Module module) {
        StringBuilder text = new StringBuilder(module.intro()).append('\n');
        String group = null;
        for (Method method : module.methods()) {
            if (!method.group().equals(group)) {
                group = method.group();
                text.append('\n').append(group.isEmpty() ? "" : group + "\n");
            }
            text.append(method.signature()).append(" -> ").append(method.summary()).append('\n');
        }
        return text.toString().stripTrailing();
    }

    private static String methodText(Method method) {
        String doc = method.summary() + "." + (method.doc().isEmpty() ? "" : "\n\n" + method.doc());
        return "/**\n" + doc.lines().map(line -> (" * " + line).stripTrailing()).collect(Collectors.joining("\n"))
                + "\n */\n" + method.signature();
    }
}
