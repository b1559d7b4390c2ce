package org.brickworks.shell.ssh.internal.acl;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.felix.gogo.runtime.CommandSessionImpl;
import org.apache.felix.service.command.CommandSession;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;

/**
 * The Gogo session of one SSH channel, bound to the user who signed in. Besides the commands (checked by
 * {@link GuardedFunction}), it checks what the shell does by itself against the {@value CommandAcl#SHELL_SCOPE}
 * pseudo-scope: calling methods of Java objects, redirections to and from host files, wildcards expanded against host
 * files (refused means not expanded). The user's groups are looked up at the start of every command line, so a
 * membership change applies from the next line; the rules are read at each check, so a file's edit applies at once.
 * {@value #USER_VARIABLE} is set to the user and cannot be changed from the shell.
 */
final class GuardedSession extends CommandSessionImpl {
    /** Gogo session variable naming the signed-in Brickworks user, which the platform's commands act for. */
    static final String USER_VARIABLE = "USER";

    private final GuardedCommandProcessor processor;
    private final String user;
    private volatile SshCaller caller;

    GuardedSession(GuardedCommandProcessor processor, String user, InputStream in, OutputStream out,
            OutputStream err) {
        super(processor, in, out, err);
        this.processor = processor;
        this.user = user;
        super.put(USER_VARIABLE, user);
        caller = processor.caller(user);
    }

    /** A session Gogo makes for a nested shell: the same user. */
    GuardedSession(GuardedCommandProcessor processor, GuardedSession parent) {
        super(processor, parent);
        this.processor = processor;
        this.user = parent.user;
        super.put(USER_VARIABLE, user);
        caller = parent.caller;
    }

    String user() {
        return user;
    }

    @Override
    public Object execute(CharSequence commandLine) throws Exception {
        caller = processor.caller(user);
        return super.execute(commandLine);
    }

    @Override
    public Object put(String name, Object value) {
        // '#USER' would be evaluated in place of USER (Gogo's computed variables).
        if ((USER_VARIABLE.equals(name) && !Objects.equals(user, value)) || ("#" + USER_VARIABLE).equals(name)) {
            throw new BrickworksException(ErrorCode.PERMISSION_DENIED,
                    "Permission denied: " + USER_VARIABLE + " is the signed-in user, " + user);
        }
        return super.put(name, value);
    }

    @Override
    public Object get(String name) {
        if (CommandSession.OPTION_NO_GLOB.equals(name) && !permits(CommandAcl.GLOB, List.of())) {
            return Boolean.TRUE;
        }
        return super.get(name);
    }

    @Override
    public Object invoke(Object target, String name, List<Object> arguments) throws Exception {
        List<Object> described = new ArrayList<>();
        described.add(target == null ? "null" : target.getClass().getName());
        described.add(name);
        described.addAll(arguments);
        check(CommandAcl.SHELL_SCOPE, CommandAcl.INVOKE, described);
        return super.invoke(target, name, arguments);
    }

    @Override
    public Path redirect(Path path, int mode) {
        check(CommandAcl.SHELL_SCOPE, CommandAcl.REDIRECT, List.of(path, mode));
        return super.redirect(path, mode);
    }

    /** Refuses, in one line, what this session's caller may not run. */
    void check(String scope, String command, List<?> arguments) {
        processor.acl().check(caller, scope, command, arguments);
    }

    private boolean permits(String command, List<?> arguments) {
        return processor.acl().permits(caller, CommandAcl.SHELL_SCOPE, command, arguments);
    }
}
