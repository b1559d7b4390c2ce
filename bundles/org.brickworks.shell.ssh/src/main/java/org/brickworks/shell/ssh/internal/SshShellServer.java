package org.brickworks.shell.ssh.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.brickworks.core.api.PlatformInfo;
import org.brickworks.core.api.ServiceSlot;
import org.brickworks.security.api.TokenService;
import org.brickworks.security.api.UserService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Brickworks shell over SSH (Apache SSHD): exec requests and an interactive shell, both running Gogo commands for
 * the user who logged in with a personal access token (password) or an authorized key. Never open: there is no
 * anonymous or keyboard-interactive login. The listener starts on activation, restarts when host or port change and
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

    private final PlatformInfo platform;
    private final CommandProcessor processor;
    private final ServiceSlot<TokenService> tokens = new ServiceSlot<>("token", LOGIN_PATIENCE);
    private final ServiceSlot<UserService> users = new ServiceSlot<>("user", LOGIN_PATIENCE);
    private SshServer server;
    private Config config;

    @Activate
    public SshShellServer(@Reference(name = "PlatformInfo") PlatformInfo platform,
            @Reference(name = "CommandProcessor") CommandProcessor processor) {
        this.platform = platform;
        this.processor = processor;
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
    }

    // Optional, so that while the security bundle is swapped this component stays up and logins wait in the slot.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindTokenService(TokenService service) {
        tokens.bind(service);
    }

    void unbindTokenService(TokenService service) {
        tokens.unbind(service);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindUserService(UserService service) {
        users.bind(service);
    }

    void unbindUserService(UserService service) {
        users.unbind(service);
    }

    /** The port actually listened on (differs from the configured one when that is 0). */
    synchronized int port() {
        return server == null ? -1 : server.getPort();
    }

    private void start(Config newConfig) throws IOException {
        SshDirectory files = SshDirectory.in(platform.dataDirectory());
        SshServer sshd = SshServer.setUpDefaultServer();
        // Explicit, because the default is looked up through ServiceLoader, which does not see into bundles.
        sshd.setIoServiceFactoryFactory(new Nio2ServiceFactoryFactory());
        sshd.setHost(newConfig.host());
        sshd.setPort(newConfig.port());
        sshd.setKeyPairProvider(files.hostKeys());
        sshd.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE, UserAuthPasswordFactory.INSTANCE));
        sshd.setPasswordAuthenticator(new TokenPasswordAuthenticator(tokens));
        sshd.setPublickeyAuthenticator(new AuthorizedKeysUserAuthenticator(files.authorizedKeys(), users));
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setCommandFactory((channel, commandLine) -> new GogoExecCommand(commandLine, processor));
        sshd.setShellFactory(channel -> new GogoShellCommand(processor, platform.version()));
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
