package org.brickworks.agent.languages.scala;

import java.io.File;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.brickworks.agent.execution.InterpreterContext;
import org.brickworks.agent.execution.RestartsOnNewJars;
import org.brickworks.agent.languages.BoundedOutput;
import org.brickworks.agent.protocol.CellCommand;
import org.brickworks.agent.protocol.CellInterpreter;
import org.brickworks.agent.protocol.ErrorResult;
import org.brickworks.agent.protocol.Result;
import org.brickworks.agent.protocol.TextResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import scala.Option;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;

/**
 * {@code scala} commands: a Scala REPL ({@code IMain}) of the context, class-based as Spark's shell, with
 * {@code spark} (the context's session, shared with its SQL commands), {@code sc}, {@code dbutils} and
 * {@code display(df)} bound. Its classes load through the context's libraries' loader, and it compiles against the
 * context's and the cluster's jars (those installed when it started). A command's result is its output and the REPL's
 * echo ({@code res0: Int = 2}) as text, the table of its last {@code display}, or an error ({@link ScalaErrors}).
 */
public final class ScalaInterpreter implements CellInterpreter, RestartsOnNewJars {

    private static final Logger LOG = LoggerFactory.getLogger(ScalaInterpreter.class);
    private static final long INTERRUPT_AFTER_NANOS = 500_000_000L;
    private static final long STOP_AFTER_NANOS = 3_000_000_000L;
    private static final String SUCCESS = "Success";

    private final InterpreterContext context;
    private final IMain repl;
    private final BoundedOutput output;
    private final ReplBridge bridge;
    private volatile Thread runner;
    private volatile long firstInterrupt;

    private ScalaInterpreter(InterpreterContext context, IMain repl, BoundedOutput output, ReplBridge bridge) {
        this.context = context;
        this.repl = repl;
        this.output = output;
        this.bridge = bridge;
    }

    public static ScalaInterpreter start(InterpreterContext context) throws Exception {
        long began = System.nanoTime();
        BoundedOutput output = new BoundedOutput(BoundedOutput.DEFAULT_LIMIT);
        PrintWriter writer = new PrintWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), true);
        IMain repl = ScalaRepls.create(settings(context), writer);
        ScalaRepls.useOwnLineNumbers(repl);
        ReplBridge bridge = ReplBridge.register(context.contextId(), context.session(), context.dbutils());
        String bind = ReplBridge.class.getName() + ".of(\"" + context.contextId() + "\")";
        String preamble = "@transient val spark = " + bind + ".spark\n" //
                + "@transient val sc = spark.sparkContext\n" //
                + "@transient val dbutils = " + bind + ".dbutils\n" //
                + "def display(data: org.apache.spark.sql.Dataset[_]): Unit = " + bind + ".display(data)\n" //
                + "import spark.implicits._\n" //
                + "import org.apache.spark.sql.functions._\n";
        String result = repl.interpret(preamble).toString();
        String echo = output.take();
        if (!result.equals(SUCCESS)) {
            repl.close();
            ReplBridge.unregister(context.contextId());
            throw new IllegalStateException("The Scala REPL did not start: " + echo);
        }
        context.cellClassLoader(repl.classLoader());
        LOG.info("Scala REPL of context {} started in {} ms", context.contextId(),
                (System.nanoTime() - began) / 1_000_000);
        return new ScalaInterpreter(context, repl, output, bridge);
    }

    /**
     * Class-based, writing its classes in the context's working directory, compiling against the context's and the
     * cluster's jars before the driver's classpath: cells compile against the library's version of a class the
     * runtime also has, and load it from the context's loader (child-first).
     */
    private static Settings settings(InterpreterContext context) throws Exception {
        Path classes = Files.createDirectories(context.workingDirectory().resolve("repl-classes"));
        Settings settings = new Settings();
        settings.processArgumentString("-Yrepl-class-based -Yrepl-outdir " + classes);
        List<String> classpath = new ArrayList<>();
        context.libraries().jars().forEach(jar -> classpath.add(jar.toString()));
        classpath.add(System.getProperty("java.class.path"));
        settings.classpath().value_$eq(String.join(File.pathSeparator, classpath));
        settings.explicitParentLoader_$eq(Option.apply(context.libraries().replParent()));
        return settings;
    }

    @Override
    @SuppressWarnings("deprecation") // ThreadDeath: what Thread.stop throws into a command that ignores interrupts
    public Result execute(CellCommand command) {
        bridge.begin(command.maxRows());
        output.take();
        bridge.dbutils().notebook().takeExit();
        runner = Thread.currentThread();
        firstInterrupt = 0;
        String result;
        try {
            result = scala.Console.withOut(output, () -> repl.interpret(command.code())).toString();
        } catch (ThreadDeath stopped) {
            return new ErrorResult("Command cancelled", output.take());
        } finally {
            runner = null;
        }
        return result(result, output.take(), command.code());
    }

    private Result result(String result, String text, String code) {
        String exit = bridge.dbutils().notebook().takeExit();
        if (exit != null) {
            return TextResult.exit(exit);
        }
        if (result.equals(SUCCESS)) {
            Result table = bridge.displayed();
            return table != null ? table : TextResult.of(text.stripTrailing());
        }
        if (result.equals("Incomplete")) {
            return new ErrorResult("Incomplete Scala code: a bracket, string or expression is not closed", text);
        }
        return new ErrorResult(ScalaErrors.summary(text, code), text);
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
            LOG.warn("Stopping the thread of a Scala command of context {} that ignores interrupts",
                    context.contextId());
            thread.stop();
        } else if (now - firstInterrupt > INTERRUPT_AFTER_NANOS) {
            thread.interrupt();
        }
    }

    @Override
    public void close() {
        context.cellClassLoader(null);
        ReplBridge.unregister(context.contextId());
        repl.close();
    }
}
