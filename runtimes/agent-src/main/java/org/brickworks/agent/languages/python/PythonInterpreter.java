package org.brickworks.agent.languages.python;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

import org.brickworks.agent.connect.ContextTokens;
import org.brickworks.agent.execution.InterpreterContext;
import org.brickworks.agent.languages.KernelProcesses;
import org.brickworks.agent.languages.LanguageSettings;
import org.brickworks.agent.protocol.CellCommand;
import org.brickworks.agent.protocol.CellInterpreter;
import org.brickworks.agent.protocol.ErrorResult;
import org.brickworks.agent.protocol.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code python} commands: a CPython process of the context running the agent's {@code python_kernel.py}, one JSON
 * request and answer a line over its stdin and stdout (the kernel's docstring has the protocol). Its stderr goes to
 * the driver's log. While a command runs, the kernel may ask for {@code dbutils} calls ({@link KernelCalls}), answered
 * on the context's thread before the command's result comes. Cancel sends SIGINT (a {@code KeyboardInterrupt} in the
 * cell). A process that dies loses the context's Python state: the command says so and the next one starts a fresh
 * process.
 */
public final class PythonInterpreter implements CellInterpreter {

    private static final Logger LOG = LoggerFactory.getLogger(PythonInterpreter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KERNEL = "python_kernel.py";

    private final InterpreterContext context;
    private final LanguageSettings settings;
    private Process process;
    /** The Spark Connect token of this context's kernel, while it runs. */
    private volatile String connectToken;
    private BufferedWriter requests;
    private BufferedReader answers;
    private final KernelCalls calls;
    private volatile boolean running;
    private volatile Thread calling;

    private PythonInterpreter(InterpreterContext context, LanguageSettings settings) {
        this.context = context;
        this.settings = settings;
        this.calls = new KernelCalls(context.dbutils());
    }

    public static PythonInterpreter start(InterpreterContext context, LanguageSettings settings)
            throws IOException, InterruptedException {
        PythonInterpreter interpreter = new PythonInterpreter(context, settings);
        interpreter.startProcess();
        return interpreter;
    }

    private void startProcess() throws IOException, InterruptedException {
        long began = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(settings.python(), "-u", kernel(settings.scratch()).toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("BRICKWORKS_SPARK_VERSION", settings.sparkVersion());
        // The kernel's Spark Connect session gets its context's own token: the cluster secret would let any cell
        // drive the agent's API and the platform's call-backs.
        ContextTokens.revoke(connectToken);
        connectToken = ContextTokens.issue();
        settings.connectPort().ifPresent(port -> builder.environment().put("BRICKWORKS_CONNECT_URL",
                "sc://" + connectHost() + ":" + port + "/;x-brickworks-token=" + connectToken));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("Python is not available on the driver: cannot run " + settings.python()
                    + " (install python3 or start the driver with --python <path>): " + e.getMessage(), e);
        }
        requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        if (answers.readLine() == null) {
            throw new IOException("The Python process of context " + context.contextId()
                    + " exited at start with status " + exitStatus() + " (see the driver's log)");
        }
        LOG.info("Python process {} of context {} started in {} ms", process.pid(), context.contextId(),
                (System.nanoTime() - began) / 1_000_000);
    }

    @Override
    public Result execute(CellCommand command) throws IOException, InterruptedException {
        if (process == null || !process.isAlive()) {
            startProcess();
        }
        ObjectNode request = JSON.createObjectNode().put("command_id", command.id()).put("code", command.code())
                .put("max_rows", command.maxRows());
        request.set("parameters", JSON.valueToTree(command.parameters()));
        // Read per command: libraries installed since the last one (the context's or the cluster's) become importable.
        context.libraries().pythonPaths().forEach(path -> request.withArray("sys_path").add(path.toString()));
        running = true;
        try {
            send(request);
            while (true) {
                String line = answers.readLine();
                if (line == null) {
                    return new ErrorResult("The Python process exited with status " + exitStatus(),
                            "The context's Python state is lost; the next Python command starts a new process.");
                }
                JsonNode answer = JSON.readTree(line);
                if (!answer.has("call")) {
                    return JSON.treeToValue(answer.get("result"), Result.class);
                }
                send(answerCall(answer));
            }
        } catch (IOException e) {
            return new ErrorResult("The Python process failed: " + e.getMessage(), "");
        } finally {
            running = false;
        }
    }

    /** A {@code dbutils} call of the running cell, answered on this (the context's) thread. */
    private ObjectNode answerCall(JsonNode call) {
        calling = Thread.currentThread();
        try {
            return calls.answer(call);
        } finally {
            calling = null;
            Thread.interrupted(); // a cancel that interrupted the call also sent SIGINT: the cell ends with that
        }
    }

    private void send(JsonNode message) throws IOException {
        requests.write(JSON.writeValueAsString(message));
        requests.newLine();
        requests.flush();
    }

    /** SIGINT: a KeyboardInterrupt in the running cell; a {@code dbutils} call it waits for is interrupted too. */
    @Override
    public void interrupt() {
        Process current = process;
        Thread call = calling;
        if (call != null) {
            call.interrupt();
        }
        if (running) {
            KernelProcesses.interrupt(current, "Python");
        }
    }

    @Override
    public void close() {
        KernelProcesses.stop(process);
        ContextTokens.revoke(connectToken);
    }

    private String exitStatus() throws InterruptedException {
        return process.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "unknown";
    }

    private String connectHost() {
        return settings.host().equals("0.0.0.0") ? "127.0.0.1" : settings.host();
    }

    /** The kernel script, copied once from the agent jar next to the REPL classes. */
    private static synchronized Path kernel(Path directory) throws IOException {
        Path script = directory.resolve(KERNEL);
        if (!Files.exists(script)) {
            try (InputStream in = PythonInterpreter.class.getResourceAsStream(KERNEL)) {
                if (in == null) {
                    throw new IOException(KERNEL + " is missing from the agent jar");
                }
                Path partial = Files.createTempFile(directory, KERNEL, ".part");
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, script, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return script;
    }
}
