package org.brickworks.shell.ssh.internal.acl;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.CommandSessionImpl;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.CommandSessionListener;
import org.apache.felix.service.command.Converter;
import org.apache.felix.service.command.Function;
import org.apache.felix.service.threadio.ThreadIO;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The Gogo processor of SSH sessions: Gogo's own runtime (parsing, pipelines, closures, formatting), with the
 * platform's commands found through the shared {@link CommandProcessor} (so every command any bundle publishes, and
 * those added on the console, are here too) but each one handed out as a {@link GuardedFunction}, and sessions that are
 * {@link GuardedSession}s bound to their user. Karaf guards its shell the same way (its {@code SecuredSessionFactoryImpl}
 * extends this class). The console keeps the shared processor, unrestricted. Converters and session listeners (the
 * shell's audit) are tracked as Gogo's own activator does, once {@link #open} is called; thread-safe.
 */
public final class GuardedCommandProcessor extends CommandProcessorImpl {
    private static final String CONTEXT = ".context";

    private final CommandSession shared;
    private final Supplier<CommandAcl> acl;
    private final java.util.function.Function<String, SshCaller> callers;
    private ServiceTracker<Converter, Converter> converters;
    private ServiceTracker<CommandSessionListener, CommandSessionListener> listeners;

    /**
     * @param commands
     *            the platform's processor, whose commands SSH users may run
     * @param acl
     *            the rules in force, asked at every check
     * @param callers
     *            looks up a user's admin flag and groups, at the start of each command line
     */
    public GuardedCommandProcessor(ThreadIO threadIO, CommandProcessor commands, Supplier<CommandAcl> acl,
            java.util.function.Function<String, SshCaller> callers) {
        super(threadIO);
        this.shared = commands.createSession(InputStream.nullInputStream(), OutputStream.nullOutputStream(),
                OutputStream.nullOutputStream());
        this.acl = acl;
        this.callers = callers;
        Object context = shared.get(CONTEXT);
        if (context != null) {
            addConstant(CONTEXT, context);
        }
    }

    /** Feeds the converters and command session listeners registered in the framework to this processor. */
    public synchronized void open(BundleContext context) {
        converters = new ServiceTracker<>(context, Converter.class, null) {
            @Override
            public Converter addingService(ServiceReference<Converter> reference) {
                Converter converter = super.addingService(reference);
                addConverter(converter);
                return converter;
            }

            @Override
            public void removedService(ServiceReference<Converter> reference, Converter converter) {
                removeConverter(converter);
                super.removedService(reference, converter);
            }
        };
        listeners = new ServiceTracker<>(context, CommandSessionListener.class, null) {
            @Override
            public CommandSessionListener addingService(ServiceReference<CommandSessionListener> reference) {
                CommandSessionListener listener = super.addingService(reference);
                addListener(listener);
                return listener;
            }

            @Override
            public void removedService(ServiceReference<CommandSessionListener> reference,
                    CommandSessionListener listener) {
                removeListener(listener);
                super.removedService(reference, listener);
            }
        };
        converters.open();
        listeners.open();
    }

    /** A session acting for {@code user}. */
    public CommandSessionImpl createSession(String user, InputStream in, OutputStream out, OutputStream err) {
        synchronized (sessions) {
            if (stopped) {
                throw new IllegalStateException("The SSH shell has stopped");
            }
            GuardedSession session = new GuardedSession(this, user, in, out, err);
            sessions.put(session, null);
            return session;
        }
    }

    /** Refused: an SSH session always has a user. */
    @Override
    public CommandSessionImpl createSession(InputStream in, OutputStream out, OutputStream err) {
        throw new UnsupportedOperationException("An SSH session is created for its user");
    }

    @Override
    public CommandSessionImpl createSession(CommandSession parent) {
        synchronized (sessions) {
            if (stopped || !(parent instanceof GuardedSession guarded) || !sessions.containsKey(parent)) {
                throw new IllegalArgumentException("Not a session of the SSH shell");
            }
            GuardedSession session = new GuardedSession(this, guarded);
            sessions.put(session, null);
            return session;
        }
    }

    @Override
    public Set<String> getCommands() {
        @SuppressWarnings("unchecked")
        Set<String> names = (Set<String>) shared.get(".commands");
        return names;
    }

    /**
     * The command {@code name} names, guarded: {@code scope:function}, or {@code *:function} looked up along the
     * scopes of {@code path} (the session's {@code SCOPE}, {@code *} for any), as Gogo does.
     */
    @Override
    protected Function getCommand(String name, Object path) {
        String command = resolve(name.toLowerCase(Locale.ROOT), path == null ? "*" : path.toString());
        if (command == null || !(shared.get(command) instanceof Function function)) {
            return null;
        }
        int colon = command.indexOf(':');
        return new GuardedFunction(command.substring(0, colon), command.substring(colon + 1), function);
    }

    private String resolve(String name, String path) {
        int colon = name.indexOf(':');
        if (colon < 0) {
            return null;
        }
        Set<String> names = getCommands();
        if (!name.startsWith("*:")) {
            return names.contains(name) ? name : null;
        }
        String function = name.substring(1);
        for (String scope : path.split(":")) {
            if (scope.equals("*")) {
                // Sorted, so that which scope wins does not depend on a hash map's order.
                for (String candidate : new TreeSet<>(names)) {
                    if (candidate.endsWith(function)) {
                        return candidate;
                    }
                }
            } else if (names.contains(scope.toLowerCase(Locale.ROOT) + function)) {
                return scope.toLowerCase(Locale.ROOT) + function;
            }
        }
        return null;
    }

    CommandAcl acl() {
        return acl.get();
    }

    SshCaller caller(String user) {
        return callers.apply(user);
    }

    @Override
    public synchronized void stop() {
        super.stop();
        if (converters != null) {
            converters.close();
            listeners.close();
        }
        shared.close();
    }
}
