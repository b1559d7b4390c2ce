package org.brickworks.shell.ssh.internal;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.brickworks.core.api.BrickworksException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs command lines in one Gogo session and shows the outcome as both SSH channels do: the result formatted by Gogo on
 * {@code out} (nothing for {@code null}), or one readable line on {@code err}. Used by the one thread that owns the
 * session.
 */
final class CommandLineRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CommandLineRunner.class);

    private final CommandSession session;
    private final PrintStream out;
    private final PrintStream err;

    CommandLineRunner(CommandSession session, PrintStream out, PrintStream err) {
        this.session = session;
        this.out = out;
        this.err = err;
    }

    /** @return whether the command succeeded */
    boolean run(String commandLine) {
        try {
            Object result = session.execute(commandLine);
            if (result != null) {
                out.println(session.format(result, Converter.INSPECT));
            }
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            out.flush(); // what the command printed comes before its error
            err.println(describe(e));
            return false;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The one line a user sees for a failure; the stack trace goes to the debug log. */
    static String describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof BrickworksException) {
            return cause.getMessage();
        }
        LOG.debug("Shell command failed", cause);
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof InvocationTargetException || cause instanceof UndeclaredThrowableException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
