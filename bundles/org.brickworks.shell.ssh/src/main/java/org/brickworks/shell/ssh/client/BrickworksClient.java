package org.brickworks.shell.ssh.client;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.io.output.NoCloseOutputStream;
import org.brickworks.shell.ssh.client.ClientOptions.InvalidOptionsException;

/**
 * Runs one Brickworks shell command on a running platform over SSH, as Karaf's client does:
 * {@code brickworks-client bw:status}. It logs in as {@code token} with a personal access token (see
 * {@link ClientOptions}), copies the command's stdout and stderr and returns its exit status: 0 done, 1 the command
 * failed, {@value #CLIENT_FAILURE} the client could not run it (usage, no token, connection, login, changed server key)
 * after one line on stderr saying why (a usage error adds the synopsis). Runs outside OSGi ({@code java -cp}); one
 * command per instance.
 */
public final class BrickworksClient {
    static final int CLIENT_FAILURE = 2;

    private static final String SSH_USER = "token";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    /** Generous: the server lets a login wait while its security bundle is being swapped. */
    private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(60);

    private final PrintStream out;
    private final PrintStream err;

    public BrickworksClient(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        // SSHD logs through SLF4J; without a provider SLF4J would print a warning into the command's output.
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        BrickworksClient client = new BrickworksClient(System.out, System.err);
        int status = client.run(List.of(args), System.getenv(), Path.of(System.getProperty("user.home")));
        System.out.flush();
        System.exit(status);
    }

    /**
     * Runs the command given by {@code args}; {@code env} and {@code userHome} stand for the process's environment and
     * home folder (known hosts), so that callers other than {@link #main} can run it.
     *
     * @return the exit status (see the class comment)
     */
    public int run(List<String> args, Map<String, String> env, Path userHome) {
        if (ClientOptions.wantsHelp(args)) {
            out.println(ClientOptions.usage());
            return 0;
        }
        try {
            return execute(ClientOptions.parse(args, env, userHome));
        } catch (InvalidOptionsException e) {
            err.println(e.getMessage());
            err.println(ClientOptions.synopsis() + " (--help for more)");
            return CLIENT_FAILURE;
        } catch (ClientFailure e) {
            err.println(e.getMessage());
            return CLIENT_FAILURE;
        }
    }

    private int execute(ClientOptions options) throws ClientFailure {
        TrustOnFirstUse trust = new TrustOnFirstUse(options.knownHosts());
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.setIoServiceFactoryFactory(new Nio2ServiceFactoryFactory());
            client.setServerKeyVerifier(trust.verifier(address(options), err));
            // Only the token: never offer the user's own SSH keys or prompt for anything.
            client.setUserAuthFactories(List.of(UserAuthPasswordFactory.INSTANCE));
            client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
            client.start();
            try (ClientSession session = connect(client, options)) {
                logIn(session, options, trust);
                return runCommand(session, options.command());
            }
        } catch (IOException e) {
            throw new ClientFailure(
                    "SSH connection to " + address(options) + " failed: " + ClientFailure.rootMessage(e));
        }
    }

    private static ClientSession connect(SshClient client, ClientOptions options) throws ClientFailure {
        try {
            return client.connect(SSH_USER, options.host(), options.port()).verify(CONNECT_TIMEOUT).getSession();
        } catch (IOException e) {
            throw new ClientFailure("Cannot connect to the Brickworks SSH shell at " + address(options) + ": "
                    + ClientFailure.rootMessage(e) + " (is the platform running?)");
        }
    }

    private static void logIn(ClientSession session, ClientOptions options, TrustOnFirstUse trust)
            throws ClientFailure {
        session.addPasswordIdentity(options.token());
        try {
            session.auth().verify(LOGIN_TIMEOUT);
        } catch (IOException e) {
            if (trust.refusedChangedKey()) {
                throw new ClientFailure("The SSH server at " + address(options)
                        + " presents a different key than the one" + " remembered in " + trust.knownHosts()
                        + "; if the platform was reinstalled, remove its line there");
            }
            throw new ClientFailure("Login to " + address(options) + " refused with the token from "
                    + options.tokenSource() + " (" + ClientFailure.rootMessage(e) + ")");
        }
    }

    private int runCommand(ClientSession session, String command) throws IOException {
        try (ChannelExec channel = session.createExecChannel(command)) {
            channel.setOut(new NoCloseOutputStream(out));
            channel.setErr(new NoCloseOutputStream(err));
            channel.open().verify(CONNECT_TIMEOUT);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), 0L);
            out.flush();
            err.flush();
            Integer status = channel.getExitStatus();
            if (status == null) {
                err.println("The SSH server closed the connection before the command finished");
                return CLIENT_FAILURE;
            }
            return status;
        }
    }

    private static String address(ClientOptions options) {
        return options.host() + ":" + options.port();
    }
}
