package org.brickworks.jobs.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Python run on a driver as a script: {@code sys.argv} set, {@code __name__ == "__main__"}, {@code sys.exit(0)} a
 * success; values reach the command base64-encoded, so no quoting can break it.
 */
final class PythonScripts {
    private PythonScripts() {
    }

    /** A command that sets {@code sys.argv} and runs {@code body}, Python code that may use {@code _argv}. */
    static String command(List<String> argv, String body) {
        return "import base64 as _b64, json as _json, sys as _sys\n"
                + "_sys.argv = _json.loads(_b64.b64decode('" + encode(json(argv)) + "').decode('utf-8'))\n"
                + "try:\n" + indent(body) + "except SystemExit as _exit:\n"
                + "    if _exit.code not in (None, 0):\n        raise\n";
    }

    /** Python that runs {@code source} as the main module named {@code file}. */
    static String script(String file, String source) {
        return "_globals = {'__name__': '__main__', '__file__': " + pythonString(file) + "}\n"
                + "_globals.update({k: v for k, v in globals().items() if k in ('spark', 'sc', 'dbutils', 'display')})\n"
                + "exec(compile(_b64.b64decode('" + encode(source) + "').decode('utf-8'), " + pythonString(file)
                + ", 'exec'), _globals)\n";
    }

    /** The task's {@code parameters}, or {@code named_parameters} as {@code --name=value}. */
    static List<String> arguments(Object parameters, Object named) {
        List<String> arguments = new ArrayList<>();
        if (parameters instanceof List<?> list) {
            list.forEach(p -> arguments.add(String.valueOf(p)));
        }
        if (named instanceof Map<?, ?> map) {
            map.forEach((k, v) -> arguments.add("--" + k + "=" + v));
        }
        return arguments;
    }

    static String pythonString(String text) {
        return "_b64.b64decode('" + encode(text) + "').decode('utf-8')";
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(List<String> values) {
        try {
            return RunStore.JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String indent(String code) {
        StringBuilder indented = new StringBuilder();
        code.lines().forEach(line -> indented.append("    ").append(line).append('\n'));
        return indented.toString();
    }
}
