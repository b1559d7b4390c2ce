package org.brickworks.agent;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;

import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;

/**
 * Creates an {@code IMain} on either Scala line: 2.13 takes a reporter ({@code shell.ReplReporterImpl}) and
 * {@code initializeCompiler()}, 2.12 a writer and {@code initializeSynchronous()} (what Spark's {@code SparkILoop} does
 * on each line). The rest of the REPL's API used here is the same on both.
 */
final class ScalaRepls {

    private ScalaRepls() {
    }

    static IMain create(Settings settings, PrintWriter writer) throws ReflectiveOperationException {
        try {
            IMain repl;
            try {
                Class<?> reporterType = Class.forName("scala.tools.nsc.interpreter.ReplReporter");
                Object reporter = Class.forName("scala.tools.nsc.interpreter.shell.ReplReporterImpl")
                        .getConstructor(Settings.class, PrintWriter.class).newInstance(settings, writer);
                repl = IMain.class.getConstructor(Settings.class, reporterType).newInstance(settings, reporter);
                IMain.class.getMethod("initializeCompiler").invoke(repl);
            } catch (ClassNotFoundException scala212) {
                repl = IMain.class.getConstructor(Settings.class, PrintWriter.class).newInstance(settings, writer);
                IMain.class.getMethod("initializeSynchronous").invoke(repl);
            }
            return repl;
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
