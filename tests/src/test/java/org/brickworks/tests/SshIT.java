package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.brickworks.audit.api.AuditLog;
import org.brickworks.audit.api.AuditQuery;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

/**
 * The Gogo shell over SSH: commands run with a token, never without one; what they log goes to the platform log, never
 * to the client. A user who is no administrator runs what the distribution's command ACLs
 * ({@code etc/org.apache.karaf.command.acl.*.cfg}) let them, and is refused, in one audited line, the rest; an edit of
 * those files applies at once.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SshIT extends PlatformTestSupport {
    private static final String NIA = "nia@example.com";
    private static String niaToken;

    @Inject
    private AuditLog audit;
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

    /** Nia, a user who is no administrator, and her token: made once, on the console. */
    private String nia() throws Exception {
        if (niaToken == null) {
            assertTrue(shell("bw:user-create --name Nia " + NIA).contains("Created user " + NIA));
            niaToken = shell("bw:token-create --user " + NIA + " ssh").lines().findFirst().orElseThrow().strip();
        }
        return niaToken;
    }

    @Test
    public void nonAdminIsRefusedAdminCommandsInOneAuditedLine() throws Exception {
        Path hostFile = Files.writeString(Files.createTempFile("ssh-it", ".txt"), "host secret");
        long since = System.currentTimeMillis();
        try (AutoCloseable cat = gogoCat()) {
            Map<String, String> refusals = new LinkedHashMap<>();
            refusals.put("felix:install file:/tmp/none.jar", "felix:install");
            refusals.put("felix:update 99999", "felix:update");
            refusals.put("felix:stop 99999", "felix:stop");
            refusals.put("bw:fs-put " + hostFile + " dbfs:/ssh-it/stolen.txt", "bw:fs-put");
            refusals.put("gogo:cat " + hostFile, "gogo:cat");
            refusals.put("bw:audit", "bw:audit");
            refusals.put("bw:user-create mallory", "bw:user-create");
            refusals.put("bw:help (felix:install file:/tmp/none.jar)", "felix:install");
            for (Map.Entry<String, String> refusal : refusals.entrySet()) {
                Result result = exec("token", nia(), refusal.getKey());
                assertEquals(refusal.getKey() + ": " + result.err, 1, result.status);
                assertEquals(refusal.getKey(), "Permission denied: " + refusal.getValue() + " is for admins\n",
                        result.err);
                assertFalse(result.out, result.out.contains("host secret"));
            }
        }
        assertTrue(shell("bw:users").contains(NIA));
        assertFalse(shell("bw:users").contains("mallory"));

        await("the refusal in the audit log", () -> audit.find(new AuditQuery(NIA, "shell", "felix:install", since,
                null, 10)).stream().anyMatch(event -> event.statusCode() == 403
                        && event.errorMessage().equals("Permission denied: felix:install is for admins")));
    }

    @Test
    public void nonAdminRunsTheCommandsTheAclGivesUsers() throws Exception {
        for (String command : List.of("bw:clusters", "bw:help", "bw:help clusters", "bw:health", "bw:jobs")) {
            Result result = exec("token", nia(), command);
            assertEquals(command + ": " + result.err, 0, result.status);
        }
        assertTrue(exec("token", nia(), "bw:help").out.contains("bw:clusters"));
    }

    @Test
    public void adminRunsTheAdminCommandsOverSsh() throws Exception {
        Path hostFile = Files.writeString(Files.createTempFile("ssh-it", ".txt"), "admin's file");
        try (AutoCloseable cat = gogoCat()) {
            assertEquals("admin's file\n", exec("token", admin, "gogo:cat " + hostFile).out);
        }
        for (String command : List.of("bw:fs-put " + hostFile + " dbfs:/ssh-it/admin.txt", "bw:audit --limit 1",
                "felix:lb")) {
            Result result = exec("token", admin, command);
            assertEquals(command + ": " + result.err, 0, result.status);
        }
        Result install = exec("token", admin, "felix:install file:/tmp/none.jar");
        assertFalse(install.err, install.err.contains("Permission denied"));
    }

    @Test
    public void anEditOfAnAclFileAppliesWithoutRestart() throws Exception {
        Path file = Path.of(context.getProperty("felix.fileinstall.dir"), "org.apache.karaf.command.acl.felix.cfg");
        String shipped = Files.readString(file);
        nia();
        assertEquals(1, exec("token", nia(), "felix:lb").status);
        try {
            Files.writeString(file, "lb = users\n" + shipped);
            await("felix:lb for users", () -> sshStatus("felix:lb") == 0);
            assertEquals("Permission denied: felix:install is for admins\n",
                    exec("token", nia(), "felix:install file:/tmp/none.jar").err);
        } finally {
            Files.writeString(file, shipped);
        }
        await("felix:lb for admins only again", () -> sshStatus("felix:lb") == 1);
    }

    private int sshStatus(String command) {
        try {
            return exec("token", nia(), command).status;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A {@code gogo:cat} that prints a host file, as Gogo's JLine shell (which the distribution has, and these tests
     * leave out: it would read the test JVM's stdin) does.
     */
    private AutoCloseable gogoCat() {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(CommandProcessor.COMMAND_SCOPE, "gogo");
        properties.put(CommandProcessor.COMMAND_FUNCTION, "cat");
        ServiceRegistration<?> registration = context.registerService(HostFileCat.class, new HostFileCat(),
                properties);
        return registration::unregister;
    }

    /** Gogo calls it reflectively: public. */
    public static final class HostFileCat {
        public String cat(String path) throws IOException {
            return Files.readString(Path.of(path));
        }
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
