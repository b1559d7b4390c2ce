package org.brickworks.shell.ssh.internal;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.felix.service.command.CommandSession;
import org.apache.sshd.common.util.threads.ThreadUtils;
import org.apache.sshd.server.command.AbstractCommandSupport;
import org.brickworks.shell.ssh.internal.acl.GuardedCommandProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SSH exec request ({@code ssh host "bw:status"}): runs the command line in a fresh Gogo session on the command's
 * own thread and exits with status 0, or 1 after one line on stderr when it failed. SSHD calls {@link #destroy} when
 * the channel closes, which interrupts a command still running.
 */
final class GogoExecCommand extends AbstractCommandSupport {
    private static final Logger LOG = LoggerFactory.getLogger(GogoExecCommand.class);

    private final GuardedCommandProcessor processor;

    GogoExecCommand(String commandLine, GuardedCommandProcessor processor) {
        // A thread of our own naming: SSHD names it after the command line, which may hold credentials.
        super(commandLine, ThreadUtils.newSingleThreadExecutor("ssh-exec"));
        this.processor = processor;
    }

    @Override
    public void run() {
        PrintStream out = new PrintStream(getOutputStream(), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(getErrorStream(), true, StandardCharsets.UTF_8);
        boolean succeeded = false;
        String user = AuthenticatedUser.of(getServerSession());
        try (CommandSession session = processor.createSession(user, getInputStream(), out, err)) {
            GogoShellCommand.prepare(session, user);
            LOG.debug("SSH exec by {}: {}", user, getCommand());
            succeeded = new CommandLineRunner(session, out, err).run(getCommand());
        } catch (RuntimeException e) {
            // The session itself failed (not the command): still answer, or the client would wait forever.
            LOG.warn("Cannot run an SSH exec command", e);
            err.println(CommandLineRunner.describe(e));
        } finally {
            out.flush();
            err.flush();
            onExit(succeeded ? 0 : 1);
        }
    }
}
