package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The bw: commands run through a real Gogo session, as the console and SSH run them. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellIT extends PlatformTestSupport {
    @Inject
    private CommandProcessor processor;

    @Test
    public void statusShowsVersionBundlesAndServices() throws Exception {
        String status = run("bw:status");
        assertTrue(status, status.contains("Brickworks 0.1.0"));
        assertTrue(status, status.matches("(?s).*Bundles: +\\d+ active.*"));
        assertTrue(status, status.contains("security.internal.StoreTokenService") && status.contains("active"));
    }

    @Test
    public void tokensAreCreatedListedAndRevoked() throws Exception {
        String created = run("bw:token-create --lifetime 600 shell test");
        String value = created.lines().findFirst().orElseThrow();
        String id = created.replaceAll("(?s).*token id (\\w+),.*", "$1");
        assertTrue(value.startsWith("dapi"));
        assertEquals(200, get("/api/2.0/token/list", value).status());
        assertTrue(run("bw:token-list").contains(id));
        assertTrue(run("bw:token-list --user admin").contains("shell test"));
        assertTrue(run("bw:token-revoke " + id).contains("Revoked"));
        assertEquals(401, get("/api/2.0/token/list", value).status());
        assertTrue(run("bw:users").contains("admin"));
    }

    @Test
    public void badInputIsOneReadableLine() throws Exception {
        assertEquals("Token nope does not exist", failure("bw:token-revoke nope"));
        assertEquals("User ghost does not exist", failure("bw:token-create --user ghost x"));
    }

    @Test
    public void everyCommandHasHelp() throws Exception {
        String list = run("bw:help");
        for (String command : new String[] { "status", "users", "token-create", "token-list", "token-revoke",
                "clusters", "cluster-create", "cluster-terminate", "cluster-events" }) {
            assertTrue(list, list.contains("bw:" + command + " "));
            String help = run("bw:help " + command);
            assertTrue(command + ": " + help, help.contains("Usage: bw:" + command));
        }
        assertTrue(run("bw:help token-create").contains("-l, --lifetime"));
        assertEquals("No command bw:nope; bw:help lists them", failure("bw:help nope"));
    }

    private String run(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
                CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), print, print)) {
            Object result = session.execute(command);
            if (result != null) {
                print.println(session.format(result, Converter.INSPECT));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private String failure(String command) {
        try {
            run(command);
        } catch (Exception e) {
            return e.getMessage();
        }
        fail(command + " should have failed");
        return null;
    }
}
