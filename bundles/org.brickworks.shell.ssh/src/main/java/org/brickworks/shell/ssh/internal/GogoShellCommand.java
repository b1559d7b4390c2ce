package org.brickworks.shell.ssh.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.apache.felix.service.command.CommandSession;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.command.AbstractCommandSupport;
import org.brickworks.shell.ssh.internal.acl.GuardedCommandProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interactive SSH shell ({@code ssh -p 8101 token@127.0.0.1}): a banner, then a read–run–print loop over one Gogo
 * session with the prompt {@value #PROMPT} until Ctrl-D, {@code exit} or {@code logout}. Runs on its own thread; SSHD
 * calls {@link #destroy} when the channel closes, which interrupts it.
 */
final class GogoShellCommand extends AbstractCommandSupport {
    /** Gogo session variable naming the authenticated Brickworks user. */
    static final String USER_VARIABLE = "USER";
    /** Gogo session variable: the scopes searched, in order, for a command named without one. */
    static final String SCOPE_VARIABLE = "SCOPE";
    static final String PROMPT = "bw> ";

    private static final Logger LOG = LoggerFactory.getLogger(GogoShellCommand.class);
    private static final Set<String> EXIT_COMMANDS = Set.of("exit", "logout");

    private final GuardedCommandProcessor processor;
    private final String platformVersion;

    GogoShellCommand(GuardedCommandProcessor processor, String platformVersion) {
        super("brickworks-shell", null);
        this.processor = processor;
        this.platformVersion = platformVersion;
    }

    @Override
    public void run() {
        boolean pty = requestedPty(getEnvironment());
        PrintStream out = printStream(getOutputStream(), pty);
        // A terminal shows both streams as one; sent apart, an error could arrive after the next prompt.
        PrintStream err = pty ? out : printStream(getErrorStream(), false);
        String user = AuthenticatedUser.of(getServerSession());
        // Commands get no stdin: it belongs to the line reader, and a command reading it would eat keystrokes.
        try (CommandSession session = processor.createSession(user, InputStream.nullInputStream(), out, err)) {
            prepare(session, user);
            LOG.debug("SSH shell opened by {}", user);
            out.println("Brickworks " + platformVersion + ", logged in as " + user
                    + ". Type 'help' for commands, 'exit' to leave.");
            loop(new LineReader(getInputStream(), out, pty), new CommandLineRunner(session, out, err));
        } catch (IOException e) {
            LOG.debug("SSH shell of {} ended: {}", user, e.toString()); // the client went away
        } finally {
            out.flush();
            onExit(0);
        }
    }

    /** Names the session's user, and makes {@code help} and {@code status} {@code bw:help} and {@code bw:status}. */
    static void prepare(CommandSession session, String user) {
        session.put(USER_VARIABLE, user);
        session.put(SCOPE_VARIABLE, "bw:*");
    }

    private static void loop(LineReader reader, CommandLineRunner runner) throws IOException {
        for (String line = reader.readLine(PROMPT); line != null; line = reader.readLine(PROMPT)) {
            String commandLine = line.strip();
            if (EXIT_COMMANDS.contains(commandLine)) {
                return;
            }
            if (!commandLine.isEmpty()) {
                runner.run(commandLine);
            }
            if (Thread.currentThread().isInterrupted()) {
                return; // the channel was closed while the command ran
            }
        }
    }

    /** A PTY request always sets TERM and usually terminal modes; a plain {@code ssh -T} sets neither. */
    private static boolean requestedPty(Environment environment) {
        return !environment.getPtyModes().isEmpty() || environment.getEnv().containsKey(Environment.ENV_TERM);
    }

    private static PrintStream printStream(OutputStream stream, boolean pty) {
        return new PrintStream(pty ? new CrLfOutputStream(stream) : stream, false, StandardCharsets.UTF_8);
    }
}
