package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The Gogo shell over SSH: commands run with a token, never without one; what they log goes to the platform log, never
 * to the client.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SshIT extends PlatformTestSupport {
    private SshClient client;

    @Before
    public void startClient() {
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
    }

    @After
    public void stopClient() throws Exception {
        client.stop();
    }

    @Test
    public void commandRunsWithTokenAndReportsItsExitStatus() throws Exception {
        Result users = exec("token", admin, "bw:users");
        assertEquals(users.err, 0, users.status);
        assertTrue(users.out, users.out.contains("admin"));

        Result failing = exec("admin", admin, "bw:token-revoke nope");
        assertEquals(1, failing.status);
        assertTrue(failing.err, failing.err.contains("Token nope does not exist"));
    }

    @Test
    public void logLinesOfACommandGoToThePlatformLogAndNeverToTheClient() throws Exception {
        Path log = dataDirectory().resolve("log/brickworks.log");

        Result purged = exec("token", admin, "bw:lib-cache --purge");

        assertEquals(purged.err, 0, purged.status);
        assertEquals("", purged.err);
        assertTrue(purged.out, purged.out.startsWith("Purged:"));
        await("the purge in the platform log", () -> read(log).contains("Library caches purged"));
    }

    @Test
    public void commandsWithoutScopeAreBrickworksOnes() throws Exception {
        Result help = exec("token", admin, "help token-list");
        assertEquals(help.err, 0, help.status);
        assertTrue(help.out, help.out.contains("SYNTAX\n        bw:token-list"));
    }

    @Test
    public void wrongTokenIsRefused() throws Exception {
        try {
            exec("token", "dapi00000000000000000000000000000000", "bw:users");
            fail("logged in with an unknown token");
        } catch (Exception e) {
            assertTrue(e.toString(), e.getMessage() != null);
        }
    }

    private record Result(int status, String out, String err) {
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Result exec(String user, String token, String command) throws Exception {
        int port = Integer.parseInt(context.getProperty(PlatformOptions.SSH_PORT));
        await("the SSH port", () -> {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                return true;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        try (ClientSession session = client.connect(user, "127.0.0.1", port).verify(Duration.ofSeconds(30))
                .getSession()) {
            session.addPasswordIdentity(token);
            session.auth().verify(Duration.ofSeconds(30));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            try (ClientChannel channel = session.createExecChannel(command)) {
                channel.setOut(out);
                channel.setErr(err);
                channel.open().verify(Duration.ofSeconds(30));
                channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(60));
                Integer status = channel.getExitStatus();
                return new Result(status == null ? -1 : status, out.toString(StandardCharsets.UTF_8),
                        err.toString(StandardCharsets.UTF_8));
            }
        }
    }
}
