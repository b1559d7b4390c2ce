package org.brickworks.shell.internal;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.CommandSessionListener;
import org.brickworks.audit.api.AuditEvent;
import org.brickworks.audit.api.AuditRecorder;
import org.brickworks.core.api.BrickworksException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Records every command line run in a Gogo session, on the console or over SSH, in the audit log: service
 * {@code shell}, the command's name as action, the line as {@code commandLine} (the arguments of commands that take
 * passwords or secret values {@code [REDACTED]}), status 200 or, with the failure's message, the status of a
 * {@code BrickworksException}'s code (403 for a command the SSH command ACL refused) or 500; the SSH user or
 * {@code console:<OS user>}. Gogo calls it for each line a session executes (its {@code CommandSessionListener}
 * whiteboard); comment lines, such as the console's profile, are not recorded.
 */
@Component(service = CommandSessionListener.class)
public class ShellAudit implements CommandSessionListener {
    private static final Pattern SECRET_ARGUMENTS = Pattern.compile("(?i).*(password|secret-put|token-create).*");
    private static final String SSH_USER = "USER";

    private AuditRecorder audit;

    @Activate
    void activate(BundleContext context) {
        audit = new AuditRecorder(context);
    }

    @Deactivate
    void deactivate() {
        audit.close();
    }

    @Override
    public void beforeExecute(CommandSession session, CharSequence command) {
        // recorded once it has ended, with how it ended
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Exception exception) {
        record(session, command, exception);
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Object result) {
        record(session, command, null);
    }

    /** 200, the failure's own status for a {@link BrickworksException} (403 for a command the ACL refused), else 500. */
    private static int status(Exception failure) {
        if (failure == null) {
            return 200;
        }
        Throwable cause = failure;
        while (cause instanceof InvocationTargetException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof BrickworksException known ? known.errorCode().httpStatus() : 500;
    }

    private void record(CommandSession session, CharSequence command, Exception failure) {
        String line = command.toString().strip();
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        }
        String[] words = line.split("\\s+");
        String name = words[0];
        if (SECRET_ARGUMENTS.matcher(name).matches() && words.length > 1) {
            line = name + " " + words[1] + " [REDACTED]";
        }
        Object sshUser = session.get(SSH_USER);
        AuditEvent event = new AuditEvent(System.currentTimeMillis(), "shell", name,
                sshUser == null ? "console:" + System.getProperty("user.name") : sshUser.toString(),
                Map.of("commandLine", line), status(failure),
                failure == null ? null : String.valueOf(failure.getMessage()), null,
                sshUser == null ? "console" : "ssh", UUID.randomUUID().toString());
        audit.record(event);
    }
}
