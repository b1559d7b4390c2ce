package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;



import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The bw: commands run through a real Gogo session, as the console and SSH run them. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellIT extends PlatformTestSupport {

    @Test
    public void statusShowsVersionBundlesAndServices() throws Exception {
        String status = shell("bw:status");
        assertTrue(status, status.contains("Brickworks 0.1.0"));
        assertTrue(status, status.matches("(?s).*Bundles: +\\d+ active.*"));
        assertTrue(status, status.contains("security.internal.StoreTokenService") && status.contains("active"));
    }

    @Test
    public void tokensAreCreatedListedAndRevoked() throws Exception {
        String created = shell("bw:token-create --lifetime 600 shell test");
        String value = created.lines().findFirst().orElseThrow();
        String id = created.replaceAll("(?s).*token id (\\w+),.*", "$1");
        assertTrue(value.startsWith("dapi"));
        assertEquals(200, get("/api/2.0/token/list", value).status());
        assertTrue(shell("bw:token-list").contains(id));
        assertTrue(shell("bw:token-list --user admin").contains("shell test"));
        assertTrue(shell("bw:token-revoke " + id).contains("Revoked"));
        assertEquals(401, get("/api/2.0/token/list", value).status());
        assertTrue(shell("bw:users").contains("admin"));
    }

    @Test
    public void badInputIsOneReadableLine() throws Exception {
        assertEquals("Token nope does not exist", failure("bw:token-revoke nope"));
        assertEquals("User ghost does not exist", failure("bw:token-create --user ghost x"));
    }

    @Test
    public void everyCommandHasHelp() throws Exception {
        String list = shell("bw:help");
        for (String command : new String[] { "status", "users", "token-create", "token-list", "token-revoke",
                "clusters", "cluster-create", "cluster-edit", "cluster-start", "cluster-restart", "cluster-terminate",
                "cluster-delete", "cluster-events", "cluster-logs", "sql", "exec", "runtimes",
                "runtime-install", "runtime-remove" }) {
            assertTrue(list, list.contains("bw:" + command + " "));
            String help = shell("bw:help " + command);
            assertTrue(command + ": " + help, help.contains("Usage: bw:" + command));
        }
        assertTrue(shell("bw:help token-create").contains("-l, --lifetime"));
        assertEquals("No command bw:nope; bw:help lists them", failure("bw:help nope"));
    }

}
