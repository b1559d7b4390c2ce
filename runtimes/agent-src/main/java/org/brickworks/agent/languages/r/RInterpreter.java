package org.brickworks.agent.languages.r;

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
import java.util.List;

import org.brickworks.agent.execution.InterpreterContext;
import org.brickworks.agent.languages.BoundedOutput;
import org.brickworks.agent.languages.KernelProcesses;
import org.brickworks.agent.languages.LanguageSettings;
import org.brickworks.agent.protocol.CellCommand;
import org.brickworks.agent.protocol.CellInterpreter;
import org.brickworks.agent.protocol.ErrorResult;
import org.brickworks.agent.protocol.Result;
import org.brickworks.agent.protocol.TextResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code r} commands: an R process of the context running the agent's {@code r_kernel.R} (protocol in the script).
 * Without R on the driver's host the context's R commands fail with a clear error. A data.frame as the command's last
 * value, or given to {@code display(df)}, is a table; else the result is what the command printed (messages and
 * warnings too), kept up to {@link BoundedOutput#DEFAULT_LIMIT} bytes. R errors are error results with R's one-line
 * message as summary. Cancel sends SIGINT. A process that dies loses the context's R state: the command says so and
 * the next one starts a fresh process. {@code dbutils.secrets.get/getBytes/list/listScopes} are R functions that ask
 * the context's {@code dbutils} while the command runs ({@link RCalls}).
 */
public final class RInterpreter implements CellInterpreter {

    private static final Logger LOG = LoggerFactory.getLogger(RInterpreter.class);
    private static final String KERNEL = "r_kernel.R";

    private final LanguageSettings settings;
    private final Path directory;
    private final RCalls calls;
    private Process process;
    private BufferedWriter requests;
    private BufferedReader answers;
    /** Whether R evaluates a command now (it said "started"): only then does SIGINT reach the command. */
    private volatile boolean interruptible;
    private volatile boolean interruptRequested;

    private RInterpreter(LanguageSettings settings, Path directory, RCalls calls) {
        this.settings = settings;
        this.directory = directory;
        this.calls = calls;
    }

    /** Starts R with its kernel and the command files in the context's working directory. */
    public static RInterpreter start(InterpreterContext context, LanguageSettings settings) throws IOException {
        Path directory = Files.createDirectories(context.workingDirectory().resolve("r"));
        try (InputStream in = RInterpreter.class.getResourceAsStream(KERNEL)) {
            Files.copy(in, directory.resolve(KERNEL), StandardCopyOption.REPLACE_EXISTING);
        }
        RInterpreter interpreter = new RInterpreter(settings, directory, new RCalls(context.dbutils().secrets()));
        interpreter.startProcess();
        return interpreter;
    }

    private void startProcess() throws IOException {
        long began = System.nanoTime();
        try {
            process = new ProcessBuilder(settings.r(), "--vanilla", "--quiet", "--no-echo", "-f",
                    directory.resolve(KERNEL).toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new IOException("R is not installed on the driver's host: cannot run " + settings.r()
                    + " (install Debian's r-base, or start the driver with --r <path to R>)", e);
        }
        requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        if (answers.readLine() == null) {
            throw new IOException("The R process exited at start (see the driver's log)");
        }
        LOG.info("R process {} started in {} ms", process.pid(), (System.nanoTime() - began) / 1_000_000);
    }

    @Override
    public Result execute(CellCommand command) throws IOException {
        if (!process.isAlive()) {
            startProcess();
        }
        Path code = Files.writeString(directory.resolve(command.id() + ".R"), command.code());
        try {
            requests.write(command.maxRows() + "\t" + code);
            requests.newLine();
            requests.flush();
            String status = answers.readLine();
            if ("started".equals(status)) {
                interruptible = true;
                if (interruptRequested) {
                    signalInterrupt();
                }
                status = answers.readLine();
                while (status != null && status.startsWith(RCalls.CALL)) {
                    requests.write(calls.answer(status));
                    requests.newLine();
                    requests.flush();
                    status = answers.readLine();
                }
            }
            interruptible = false;
            String output = output(file(code, ".out"));
            if ("ok".equals(status)) {
                Path table = file(code, ".table");
                return Files.exists(table) ? RTableFile.read(table) : TextResult.of(output);
            }
            if (status == null) {
                return new ErrorResult("The R process exited", output
                        + "\nThe context's R state is lost; the next R command starts a new process.");
            }
            Path errorFile = file(code, ".error");
            List<String> error = Files.exists(errorFile) ? Files.readAllLines(errorFile, StandardCharsets.UTF_8)
                    : List.of("Error: interrupted");
            String trace = String.join("\n", error.subList(1, error.size()));
            return new ErrorResult(error.get(0), output.isEmpty() ? trace : output + "\n" + trace);
        } finally {
            interruptible = false;
            interruptRequested = false;
            for (String suffix : List.of("", ".out", ".table", ".error")) {
                Files.deleteIfExists(file(code, suffix));
            }
        }
    }

    private static Path file(Path code, String suffix) {
        return code.resolveSibling(code.getFileName() + suffix);
    }

    /** What the command printed, up to the output limit (a cell may print far more: it is on disk, not in memory). */
    private static String output(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        BoundedOutput bounded = new BoundedOutput(BoundedOutput.DEFAULT_LIMIT);
        try (InputStream in = Files.newInputStream(file)) {
            bounded.write(in.readNBytes(BoundedOutput.DEFAULT_LIMIT + 1));
        }
        return bounded.take().stripTrailing();
    }

    @Override
    public void interrupt() {
        interruptRequested = true;
        if (interruptible) {
            signalInterrupt();
        }
    }

    private void signalInterrupt() {
        KernelProcesses.interrupt(process, "R");
    }

    @Override
    public void close() {
        KernelProcesses.stop(process);
    }
}
