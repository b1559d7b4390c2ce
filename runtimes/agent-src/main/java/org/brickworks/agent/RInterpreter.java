package org.brickworks.agent;

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

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code r} commands: an {@code Rscript} process of the context running the agent's {@code r_kernel.R} (protocol in
 * the script). Without R on the driver's host the context's first R command fails with a clear error. Results are
 * text; cancel sends SIGINT.
 */
final class RInterpreter implements Interpreter {

    private static final String KERNEL = "r_kernel.R";

    private final Process process;
    private final Path directory;
    private final BufferedWriter requests;
    private final BufferedReader answers;
    private volatile boolean running;

    private RInterpreter(Process process, Path directory) {
        this.process = process;
        this.directory = directory;
        this.requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static RInterpreter start(LanguageSettings settings) throws IOException {
        Path directory = Files.createTempDirectory(settings.replDirectory(), "r-");
        Path script = directory.resolve(KERNEL);
        try (InputStream in = RInterpreter.class.getResourceAsStream(KERNEL)) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Process process;
        try {
            process = new ProcessBuilder(settings.r(), "--vanilla", "--quiet", "--no-echo", "-f", script.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new IOException("R is not installed on the driver's host: cannot run " + settings.r()
                    + " (install Debian's r-base, or start the driver with --r <path to R>)", e);
        }
        RInterpreter interpreter = new RInterpreter(process, directory);
        if (interpreter.answers.readLine() == null) {
            throw new IOException("The R process exited at start (see the driver's log)");
        }
        return interpreter;
    }

    @Override
    public ObjectNode execute(CommandRun run) throws IOException {
        if (!process.isAlive()) {
            return Results.error("The R process of this context has exited", "Create a new context to run R.");
        }
        Path code = Files.writeString(directory.resolve(run.id() + ".R"), run.code());
        Path out = directory.resolve(run.id() + ".R.out");
        running = true;
        try {
            requests.write(code.toString());
            requests.newLine();
            requests.flush();
            String status = answers.readLine();
            String text = Files.exists(out) ? Files.readString(out).stripTrailing() : "";
            if ("ok".equals(status)) {
                return Results.text(text);
            }
            String summary = text.lines().findFirst().orElse("R command failed");
            return Results.error(status == null ? "The R process exited" : "Error: " + summary, text);
        } finally {
            running = false;
            Files.deleteIfExists(code);
            Files.deleteIfExists(out);
        }
    }

    @Override
    public void interrupt() {
        if (running && process.isAlive()) {
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
            } catch (IOException e) {
                // the process is gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
