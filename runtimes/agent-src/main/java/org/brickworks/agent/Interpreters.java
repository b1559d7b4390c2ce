package org.brickworks.agent;

import java.util.Set;

/**
 * Starts the interpreters of execution contexts: {@code sql} and {@code scala} in the driver's JVM on the context's
 * SparkSession, {@code python} and {@code r} as processes of the driver's host, {@code fs} ({@link FsMagic}) in the
 * driver's JVM.
 */
final class Interpreters {

    static final Set<String> LANGUAGES = Set.of("sql", "scala", "python", "r", "fs");

    private final LanguageSettings settings;

    Interpreters(LanguageSettings settings) {
        this.settings = settings;
    }

    static void requireKnown(String language) {
        if (!LANGUAGES.contains(language)) {
            throw ApiException.invalid("language must be one of sql, scala, python, r, fs, not " + language);
        }
    }

    Interpreter start(String language, ExecutionContext context) throws Exception {
        return switch (language) {
        case "sql" -> new SqlInterpreter(context.session());
        case "scala" -> ScalaInterpreter.start(context, settings.replDirectory());
        case "python" -> PythonInterpreter.start(context, settings);
        case "r" -> RInterpreter.start(settings);
        case "fs" -> new FsMagic(context.dbutils().fs());
        default -> throw ApiException.invalid("Unknown language " + language);
        };
    }
}
