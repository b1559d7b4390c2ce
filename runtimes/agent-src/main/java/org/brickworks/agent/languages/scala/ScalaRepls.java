package org.brickworks.agent.languages.scala;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicInteger;

import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;

/**
 * Creates an {@code IMain} on either Scala line: 2.13 takes a reporter ({@code shell.ReplReporterImpl}) and
 * {@code initializeCompiler()}, 2.12 a writer and {@code initializeSynchronous()} (what Spark's {@code SparkILoop} does
 * on each line). The rest of the REPL's API used here is the same on both.
 */
final class ScalaRepls {

    /** Line numbers each REPL may use before it would reach the next REPL's. */
    private static final int LINES_PER_REPL = 100_000;
    private static final AtomicInteger NEXT_FIRST_LINE = new AtomicInteger();

    private ScalaRepls() {
    }

    /**
     * Gives the REPL line numbers no other REPL of this JVM uses, so its classes ({@code $line<N>.$read}) have names of
     * their own: a local executor's class loader keeps the first class it saw under a name, and a second context's
     * {@code $line5} would otherwise get the first one's. The counter is per REPL on both lines: 2.13 keeps an int
     * ({@code _freshLineId}), 2.12 a function ({@code freshLineId}).
     */
    static void useOwnLineNumbers(IMain repl) throws ReflectiveOperationException {
        int first = NEXT_FIRST_LINE.getAndAdd(LINES_PER_REPL);
        Object naming = IMain.class.getMethod("naming").invoke(repl);
        for (Method method : naming.getClass().getMethods()) {
            if (method.getName().equals("scala$tools$nsc$interpreter$Naming$$_freshLineId_$eq")) {
                method.invoke(naming, first);
                return;
            }
            if (method.getName().equals("scala$tools$nsc$interpreter$Naming$_setter_$freshLineId_$eq")) {
                AtomicInteger line = new AtomicInteger(first);
                scala.Function0<Object> next = line::incrementAndGet;
                method.invoke(naming, next);
                return;
            }
        }
        throw new NoSuchMethodException("the REPL's line counter (scala.tools.nsc.interpreter.Naming)");
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
