package org.brickworks.shell.ssh.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import java.util.Set;

import org.brickworks.audit.api.AuditEvent;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.brickworks.shell.ssh.client.BrickworksClient;
import org.brickworks.shell.ssh.internal.acl.CommandAcl;
import org.brickworks.test.support.TestPlatform;

/**
 * One SSH shell server on a free local port with a real Gogo processor, plus ways to talk to it: the real Brickworks
 * client, and a plain SSHD client for what that one does not do (other user names, keys, shells).
 */
final class SshFixture implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String ALICE_TOKEN = "dapi-alice-0123456789";
    /** Bob is no administrator: the fixture's ACL lets him run the {@code bw} commands only. */
    static final String BOB_TOKEN = "dapi-bob-0123456789";
    static final CommandAcl USERS_RUN_BW = CommandAcl.of(Map.of("bw", Map.of("*", "users")));

    record Outcome(int status, String out, String err) {
    }

    final SshTestDoubles.Tokens tokens = new SshTestDoubles.Tokens().with(ALICE_TOKEN, SshTestDoubles.ALICE)
            .with(BOB_TOKEN, SshTestDoubles.BOB);
    /** The command ACL in force; a test may replace it, as an edit of the files does. */
    volatile CommandAcl acl = USERS_RUN_BW;
    /** What the server recorded in the audit log. */
    final List<AuditEvent> audited = new CopyOnWriteArrayList<>();
    final Path dataDirectory;
    final Path home;
    private final ThreadIOImpl threadIO = new ThreadIOImpl();
    private final SshShellServer server;

    SshFixture(Path dataDirectory, Path home) throws IOException {
        this.dataDirectory = dataDirectory;
        this.home = home;
        threadIO.start();
        CommandProcessorImpl processor = new CommandProcessorImpl(threadIO);
        SshTestDoubles.Commands commands = new SshTestDoubles.Commands();
        for (String function : List.of("echo", "fail", "crash", "whoami", "args")) {
            processor.addCommand("bw", commands, function);
        }
        processor.addCommand("felix", commands, "install");
        SshTestDoubles.Users users = new SshTestDoubles.Users();
        server = new SshShellServer(dataDirectory, processor, threadIO, () -> acl, () -> tokens, () -> users,
                () -> new TestPlatform(dataDirectory).version(), audited::add, () -> {
                });
        server.activate(SshTestDoubles.config("127.0.0.1", 0));
    }

    SshShellServer server() {
        return server;
    }

    int port() {
        return server.port();
    }

    /** Runs the real client, with this fixture's port and {@code home} as the user's home folder. */
    Outcome client(String... args) {
        List<String> withPort = new ArrayList<>(List.of("--port", String.valueOf(port())));
        withPort.addAll(List.of(args));
        return runClient(home, withPort);
    }

    static Outcome runClient(Path home, List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        BrickworksClient client = new BrickworksClient(new PrintStream(out, true, UTF_8),
                new PrintStream(err, true, UTF_8));
        int status = client.run(args, Map.of(), home);
        return new Outcome(status, out.toString(UTF_8), err.toString(UTF_8));
    }

    Outcome exec(String user, String password, String command) throws IOException {
        try (SshClient client = startClient(); ClientSession session = login(client, user, password, null)) {
            ChannelExec channel = session.createExecChannel(command);
            return run(channel);
        }
    }

    Outcome execWithKey(String user, KeyPair key, String command) throws IOException {
        try (SshClient client = startClient(); ClientSession session = login(client, user, null, key)) {
            return run(session.createExecChannel(command));
        }
    }

    /** Opens a shell, types {@code input}, and returns what the shell printed until it closed. */
    Outcome shell(String input, boolean pty) throws IOException {
        return shell(ALICE_TOKEN, input, pty);
    }

    /** {@link #shell(String, boolean)} for the owner of {@code token}. */
    Outcome shell(String token, String input, boolean pty) throws IOException {
        try (SshClient client = startClient(); ClientSession session = login(client, "token", token, null)) {
            ChannelShell channel = session.createShellChannel();
            channel.setUsePty(pty);
            channel.setIn(new ByteArrayInputStream(input.getBytes(UTF_8)));
            return run(channel);
        }
    }

    @Override
    public void close() {
        server.deactivate();
        threadIO.stop();
    }

    private static SshClient startClient() {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        return client;
    }

    private ClientSession login(SshClient client, String user, String password, KeyPair key) throws IOException {
        ClientSession session = client.connect(user, "127.0.0.1", port()).verify(TIMEOUT).getSession();
        if (password != null) {
            session.addPasswordIdentity(password);
        }
        if (key != null) {
            session.addPublicKeyIdentity(key);
        }
        session.auth().verify(TIMEOUT);
        return session;
    }

    private static Outcome run(ClientChannel channel) throws IOException {
        try (channel) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(TIMEOUT);
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
            if (!events.contains(ClientChannelEvent.CLOSED)) {
                throw new IOException("The channel did not close within " + TIMEOUT + ": " + events);
            }
            Integer status = channel.getExitStatus();
            return new Outcome(status == null ? -1 : status, out.toString(UTF_8), err.toString(UTF_8));
        }
    }
}
