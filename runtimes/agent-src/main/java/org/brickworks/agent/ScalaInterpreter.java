package org.brickworks.agent;

import java.io.File;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

import scala.Option;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;

/**
 * {@code scala} commands: a Scala REPL ({@code IMain}) of the context, class-based as Spark's shell, with
 * {@code spark} (the context's session, shared with its SQL commands), {@code sc}, {@code dbutils} and
 * {@code display(df)} bound. Its classes load through the context's libraries' loader ({@link ContextLibraries}),
 * and it compiles against the context's and the cluster's jars (those installed when it started). A command's result
 * is its output and the REPL's echo ({@code res0: Int = 2}) as text, the table of its last {@code display}, or an
 * error with the compiler's or the exception's message.
 */
final class ScalaInterpreter implements Interpreter {

    private static final Logger LOG = LoggerFactory.getLogger(ScalaInterpreter.class);
    private static final long INTERRUPT_AFTER_NANOS = 500_000_000L;
    private static final long STOP_AFTER_NANOS = 3_000_000_000L;
    private static final Pattern ERROR_LINE = Pattern.compile("(?m)^(?:<console>:\\d+: |On line \\d+: )?error: (.*)$");
    private static final Pattern EXCEPTION_LINE = Pattern.compile("(?m)^([\\w.$]+(?:Exception|Error)[^\\n]*)$");

    private final String contextId;
    private final IMain repl;
    private final BoundedOutput output;
    private final ReplBridge bridge;
    private volatile Thread runner;
    private volatile long firstInterrupt;

    private ScalaInterpreter(String contextId, IMain repl, BoundedOutput output, ReplBridge bridge) {
        this.contextId = contextId;
        this.repl = repl;
        this.output = output;
        this.bridge = bridge;
    }

    static ScalaInterpreter start(ExecutionContext context, Path replRoot) throws Exception {
        long began = System.nanoTime();
        Path classes = Files.createDirectories(replRoot.resolve(context.id()));
        Settings settings = new Settings();
        settings.processArgumentString("-Yrepl-class-based -Yrepl-outdir " + classes);
        // The context's and the cluster's jars before the driver's classpath: cells compile against the library's
        // version of a class the runtime also has, and load it from the context's loader (child-first).
        List<String> classpath = new ArrayList<>();
        context.libraries().jars().forEach(jar -> classpath.add(jar.toString()));
        classpath.add(System.getProperty("java.class.path"));
        settings.classpath().value_$eq(String.join(File.pathSeparator, classpath));
        settings.explicitParentLoader_$eq(Option.apply(context.libraries().replParent()));
        BoundedOutput output = new BoundedOutput(BoundedOutput.DEFAULT_LIMIT);
        PrintWriter writer = new PrintWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), true);
        IMain repl = ScalaRepls.create(settings, writer);
        ScalaRepls.useOwnLineNumbers(repl);
        ReplBridge bridge = ReplBridge.register(context.id(), context.session(), context.dbutils());
        ScalaInterpreter interpreter = new ScalaInterpreter(context.id(), repl, output, bridge);
        String bind = "org.brickworks.agent.ReplBridge.of(\"" + context.id() + "\")";
        String preamble = "@transient val spark = " + bind + ".spark\n" //
                + "@transient val sc = spark.sparkContext\n" //
                + "@transient val dbutils = " + bind + ".dbutils\n" //
                + "def display(data: org.apache.spark.sql.Dataset[_]): Unit = " + bind + ".display(data)\n" //
                + "import spark.implicits._\n" //
                + "import org.apache.spark.sql.functions._\n";
        String result = repl.interpret(preamble).toString();
        String echo = output.take();
        if (!result.equals("Success")) {
            repl.close();
            throw new IllegalStateException("The Scala REPL did not start: " + echo);
        }
        LOG.info("Scala REPL of context {} started in {} ms", context.id(), (System.nanoTime() - began) / 1_000_000);
        return interpreter;
    }

    /** The class loader of the REPL's cells. */
    ClassLoader classLoader() {
        return repl.classLoader();
    }

    @Override
    @SuppressWarnings("deprecation") // ThreadDeath: what Thread.stop throws into a command that ignores interrupts
    public ObjectNode execute(CommandRun run) {
        bridge.begin(run.maxRows());
        output.take();
        bridge.dbutils().notebook().takeExit();
        runner = Thread.currentThread();
        firstInterrupt = 0;
        String result;
        try {
            result = scala.Console.withOut(output, () -> repl.interpret(run.code())).toString();
        } catch (ThreadDeath stopped) {
            return Results.error("Command cancelled", output.take());
        } finally {
            runner = null;
        }
        return result(result, output.take());
    }

    private ObjectNode result(String result, String text) {
        String exit = bridge.dbutils().notebook().takeExit();
        if (exit != null) {
            return Results.exit(exit);
        }
        if (result.equals("Success")) {
            ObjectNode table = bridge.displayed();
            return table != null ? table : Results.text(text.stripTrailing());
        }
        if (result.equals("Incomplete")) {
            return Results.error("Incomplete Scala code: a bracket, string or expression is not closed", text);
        }
        return Results.error(summary(text), text);
    }

    /** The compiler's first error (with its line) or the exception's first line. */
    static String summary(String text) {
        Matcher error = ERROR_LINE.matcher(text);
        if (error.find()) {
            return error.group(0).strip();
        }
        Matcher exception = EXCEPTION_LINE.matcher(text);
        if (exception.find()) {
            return exception.group(1).strip();
        }
        String firstLine = text.strip().lines().findFirst().orElse("");
        return firstLine.isEmpty() ? "Scala command failed" : firstLine;
    }

    /**
     * Called again and again until the command ends: for half a second it leaves the cancel to Spark (a cancelled job
     * ends the cell with Spark's own message), then interrupts the command's thread, and stops a thread that ignores
     * interrupts for a few seconds ({@code while (true) {}}).
     */
    @Override
    @SuppressWarnings({ "deprecation", "removal" })
    public void interrupt() {
        Thread thread = runner;
        if (thread == null) {
            return;
        }
        long now = System.nanoTime();
        if (firstInterrupt == 0) {
            firstInterrupt = now;
        }
        if (now - firstInterrupt > STOP_AFTER_NANOS) {
            LOG.warn("Stopping the thread of a Scala command of context {} that ignores interrupts", contextId);
            thread.stop();
        } else if (now - firstInterrupt > INTERRUPT_AFTER_NANOS) {
            thread.interrupt();
        }
    }

    @Override
    public void close() {
        ReplBridge.unregister(contextId);
        repl.close();
    }
}
