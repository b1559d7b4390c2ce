package org.brickworks.shell.ssh.internal.acl;

import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;

/**
 * A command as an SSH session finds it: the command's own function, run only once the session's caller passed the
 * command ACL for these arguments. Every way Gogo runs a command (a line, a pipeline, {@code (nested)} calls, closures
 * such as {@code each}'s, the {@code default} handler) gets it from {@link GuardedCommandProcessor}, so every one is
 * checked.
 */
final class GuardedFunction implements Function {
    private final String scope;
    private final String name;
    private final Function command;

    GuardedFunction(String scope, String name, Function command) {
        this.scope = scope;
        this.name = name;
        this.command = command;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) throws Exception {
        if (!(session instanceof GuardedSession guarded)) {
            // Only guarded sessions resolve guarded functions; anything else is a leak, so refuse it.
            throw new IllegalStateException(scope + ":" + name + " cannot run outside its SSH session");
        }
        guarded.check(scope, name, arguments);
        return command.execute(session, arguments);
    }

    @Override
    public String toString() {
        return scope + ":" + name;
    }
}
