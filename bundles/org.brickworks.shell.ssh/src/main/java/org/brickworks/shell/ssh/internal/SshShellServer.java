package org.brickworks.shell.ssh.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.threadio.ThreadIO;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.brickworks.core.api.PlatformInfo;
import org.brickworks.audit.api.AuditEvent;
import org.brickworks.audit.api.AuditRecorder;
import org.brickworks.core.api.Awaiting;
import org.brickworks.security.api.TokenService;
import org.brickworks.security.api.UserService;
import org.brickworks.shell.ssh.internal.acl.CommandAcl;
import org.brickworks.shell.ssh.internal.acl.CommandAcls;
import org.brickworks.shell.ssh.internal.acl.GuardedCommandProcessor;
import org.brickworks.shell.ssh.internal.acl.SshCaller;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Brickworks shell over SSH (Apache SSHD): exec requests and an interactive shell, both running Gogo commands for
 * the user who logged in with a personal access token (password) or an authorized key. Never open: there is no
 * anonymous or keyboard-interactive login. Sessions run on a {@link GuardedCommandProcessor}: each command, and what the
 * shell does beside commands, is checked against the command ACLs ({@code etc/org.apache.karaf.command.acl.*.cfg}) for
 * the signed-in user; administrators may run everything. The listener starts on activation, restarts when host or port change and
 * stops, with a timeout, on deactivation; lifecycle methods are synchronized.
 */
@Component(configurationPid = SshShellServer.PID)
@Designate(ocd = Config.class)
public class SshShellServer {
    static final String PID = "org.brickworks.shell.ssh";

    private static final Logger LOG = LoggerFactory.getLogger(SshShellServer.class);
    /** How long a login waits for the security services while their bundle is being swapped. */
    private static final Duration LOGIN_PATIENCE = Duration.ofSeconds(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Path dataDirectory;
    private final GuardedCommandProcessor processor;
    // The platform's services are tracked, not referenced: a reference would restart this component, and end every
    // SSH session, whenever the core or security bundle is updated. A login waits for the new provider instead.
    private final Supplier<TokenService> tokens;
    private final Supplier<UserService> users;
    private final Supplier<String> version;
    private final AutoCloseable trackers;
    private final LoginAudit logins;
    private SshServer server;
    private Config config;

    @Activate
    public SshShellServer(BundleContext context, @Reference(name = "CommandProcessor") CommandProcessor processor,
            @Reference(name = "ThreadIO") ThreadIO threadIO, @Reference(name = "CommandAcls") CommandAcls acls) {
        this(PlatformInfo.dataDirectoryOf(context), processor, threadIO, acls, new Trackers(context));
        this.processor.open(context);
    }

    private SshShellServer(Path dataDirectory, CommandProcessor processor, ThreadIO threadIO, CommandAcls acls,
            Trackers trackers) {
        this(dataDirectory, processor, threadIO, acls, () -> Awaiting.await(trackers.tokens, "token", LOGIN_PATIENCE),
                () -> Awaiting.await(trackers.users, "user", LOGIN_PATIENCE),
                () -> Awaiting.await(trackers.platform, "platform", LOGIN_PATIENCE).version(), trackers.audit::record,
                trackers);
    }

    /**
     * A server on {@code dataDirectory}'s host keys that asks {@code tokens} and {@code users} at each login, and
     * {@code users} and {@code acl} for each command; logins, accepted and refused, go to {@code audit}.
     */
    SshShellServer(Path dataDirectory, CommandProcessor processor, ThreadIO threadIO, Supplier<CommandAcl> acl,
            Supplier<TokenService> tokens, Supplier<UserService> users, Supplier<String> version,
            Consumer<AuditEvent> audit, AutoCloseable trackers) {
        this.logins = new LoginAudit(audit);
        this.dataDirectory = dataDirectory;
        this.processor = new GuardedCommandProcessor(threadIO, processor, acl, user -> caller(users.get(), user));
        this.tokens = tokens;
        this.users = users;
        this.version = version;
        this.trackers = trackers;
    }

    /** The services a login and a shell need, tracked from activation to deactivation. */
    private static final class Trackers implements AutoCloseable {
        final ServiceTracker<TokenService, TokenService> tokens;
        final ServiceTracker<UserService, UserService> users;
        final ServiceTracker<PlatformInfo, PlatformInfo> platform;
        final AuditRecorder audit;

        Trackers(BundleContext context) {
            audit = new AuditRecorder(context);
            tokens = open(new ServiceTracker<>(context, TokenService.class, null));
            users = open(new ServiceTracker<>(context, UserService.class, null));
            platform = open(new ServiceTracker<>(context, PlatformInfo.class, null));
        }

        private static <S> ServiceTracker<S, S> open(ServiceTracker<S, S> tracker) {
            tracker.open();
            return tracker;
        }

        @Override
        public void close() {
            tokens.close();
            users.close();
            platform.close();
            audit.close();
        }
    }

    @Activate
    synchronized void activate(Config newConfig) throws IOException {
        start(newConfig);
    }

    @Modified
    synchronized void modified(Config newConfig) throws IOException {
        if (newConfig.port() == config.port() && newConfig.host().equals(config.host())) {
            return; // nothing that matters changed: keep the open sessions
        }
        stop();
        start(newConfig);
    }

    @Deactivate
    synchronized void deactivate() {
        stop();
        processor.stop();
        try {
            trackers.close();
        } catch (Exception e) {
            LOG.debug("Closing the service trackers failed", e);
        }
    }

    /** The port actually listened on (differs from the configured one when that is 0). */
    synchronized int port() {
        return server == null ? -1 : server.getPort();
    }

    /** Looked up at the start of each command line: administrators may run everything, so their groups do not matter. */
    private static SshCaller caller(UserService users, String user) {
        boolean admin = users.isAdmin(user);
        return new SshCaller(user, admin, admin ? Set.of() : users.groupsOf(user));
    }

    private void start(Config newConfig) throws IOException {
        SshDirectory files = SshDirectory.in(dataDirectory);
        SshServer sshd = SshServer.setUpDefaultServer();
        // Explicit, because the default is looked up through ServiceLoader, which does not see into bundles.
        sshd.setIoServiceFactoryFactory(new Nio2ServiceFactoryFactory());
        sshd.setHost(newConfig.host());
        sshd.setPort(newConfig.port());
        sshd.setKeyPairProvider(files.hostKeys());
        sshd.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE, UserAuthPasswordFactory.INSTANCE));
        sshd.setPasswordAuthenticator(new TokenPasswordAuthenticator(tokens, logins));
        sshd.setPublickeyAuthenticator(new AuthorizedKeysUserAuthenticator(files.authorizedKeys(), users, logins));
        sshd.addSessionListener(logins);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setCommandFactory((channel, commandLine) -> new GogoExecCommand(commandLine, processor));
        sshd.setShellFactory(channel -> new GogoShellCommand(processor, version.get()));
        sshd.start();
        server = sshd;
        config = newConfig;
        LOG.info("SSH shell listening on {}:{}", newConfig.host(), sshd.getPort());
    }

    private void stop() {
        SshServer sshd = server;
        server = null;
        if (sshd == null) {
            return;
        }
        try {
            if (!sshd.close(false).await(STOP_TIMEOUT)) {
                LOG.warn("SSH shell did not stop within {}; closing its sessions now", STOP_TIMEOUT);
                sshd.close(true);
            }
            LOG.info("SSH shell stopped");
        } catch (IOException e) {
            LOG.warn("SSH shell did not stop cleanly", e);
        }
    }
}
