package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Function;
import org.brickworks.security.api.UserService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/** The bw: commands run through a real Gogo session, as the console and SSH run them. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellIT extends PlatformTestSupport {
    private static final List<String> COMMANDS = List.of("help", "status", "health", "users", "user-create",
            "user-password", "user-active", "groups", "identity-sync", "token-create",
            "token-list",
            "token-revoke", "clusters", "cluster-create", "cluster-edit", "cluster-start", "cluster-restart",
            "cluster-terminate", "cluster-delete", "cluster-events", "cluster-logs", "cluster-wait", "sql", "exec",
            "runtimes",
            "runtime-install", "runtime-remove", "lib-install", "lib-status", "fs-ls", "fs-mount", "ws-ls", "nb-run",
            "secret-scopes", "secret-scope-create", "secret-scope-delete", "secret-put", "secrets", "secret-delete",
            "secrets-rotate-key", "audit");

    /** A plugin's command as a plugin writes one: a plain object, Gogo's annotations, the standard properties. */
    public static final class Hello {
        @Descriptor("Greet someone")
        public String hello(@Descriptor("who to greet") String name) {
            return "Hello " + name;
        }
    }

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
    public void usersAreCreatedGivenPasswordsDisabledAndAdminsListed() throws Exception {
        assertTrue(shell("bw:user-create --name Lin --admin lin@example.com").contains("Created user lin@example.com"));
        String generated = shell("bw:user-password lin@example.com");
        String password = generated.replaceAll("(?s).* set to (\\S+) .*", "$1");
        UserService users = context.getService(context.getServiceReference(UserService.class));
        assertEquals("lin@example.com", users.authenticate("lin@example.com", password.toCharArray()).userName());
        assertTrue(shell("bw:users").matches("(?s).*lin@example.com +Lin +user +yes +yes.*"));
        assertTrue(shell("bw:groups").matches("(?s).*admins +admin, lin@example.com.*"));
        assertTrue(shell("bw:user-create --service-principal --name robot").contains("Created service principal"));

        String token = shell("bw:token-create --user lin@example.com t").lines().findFirst().orElseThrow();
        assertEquals(200, get("/api/2.0/token/list", token).status());
        assertTrue(shell("bw:user-active lin@example.com false").contains("Disabled"));
        assertEquals(401, get("/api/2.0/token/list", token).status());
        assertEquals("password must have at least 8 characters", failure("bw:user-password admin short"));
        assertTrue(shell("bw:identity-sync").contains("PROVIDER"));
    }

    @Test
    public void badInputIsOneReadableLine() throws Exception {
        assertEquals("Token nope does not exist", failure("bw:token-revoke nope"));
        assertEquals("User ghost does not exist", failure("bw:token-create --user ghost x"));
    }

    @Test
    public void everyCommandIsAGogoServiceWithTheStandardProperties() throws Exception {
        for (String command : COMMANDS) {
            ServiceReference<?>[] references = context.getServiceReferences((String) null,
                    "(&(osgi.command.scope=bw)(osgi.command.function=" + command + "))");
            assertTrue(command, references != null && references.length == 1);
        }
    }

    @Test
    public void helpListsAndDescribesEveryCommandAsKarafDoes() throws Exception {
        String list = shell("bw:help");
        assertTrue(list, list.startsWith("COMMAND"));
        for (String command : COMMANDS) {
            assertTrue(command + " in " + list, list.matches("(?s).*\nbw:" + command + " +\\S.*"));
            String help = shell("bw:help " + command);
            assertTrue(command + ": " + help, help.startsWith("DESCRIPTION\n        bw:" + command + "\n\n        "));
            assertTrue(command + ": " + help, help.contains("\nSYNTAX\n        bw:" + command));
            assertFalse(command + ": " + help, help.contains("default: )") || help.contains("(default )"));
        }
        assertTrue("other scopes too: " + list, list.contains("\nfelix:lb "));
        assertEquals(shell("bw:help token-create"), shell("bw:help bw:token-create"));
        String sql = shell("bw:help sql");
        assertTrue(sql, sql.contains("SYNTAX\n        bw:sql <cluster-id> [query...]\n"));
        assertTrue(sql, sql.contains("ARGUMENTS\n        cluster-id\n                cluster id, as bw:clusters"));
        String exec = shell("bw:help exec");
        assertTrue(exec, exec.contains("bw:exec <cluster-id> <language> [code...]"));
        String tokenCreate = shell("bw:help token-create");
        assertTrue(tokenCreate, tokenCreate.contains("bw:token-create [options] [comment...]"));
        assertTrue(tokenCreate, tokenCreate.contains("-l, --lifetime <lifetime>\n                lifetime in seconds"));
        String fsRm = shell("bw:help fs-rm");
        assertTrue(fsRm, fsRm.contains("-r, --recursive\n                delete a directory with its contents\n"));
        assertEquals("No command nope; bw:help lists them", failure("bw:help nope"));
    }

    @Test
    public void aPluginsCommandIsListedDescribedAndRunUntilItGoes() throws Exception {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("osgi.command.scope", "acme");
        properties.put("osgi.command.function", new String[] { "hello" });
        ServiceRegistration<?> plugin = context.registerService(Hello.class.getName(), new Hello(), properties);
        try {
            assertTrue(shell("bw:help"), shell("bw:help").matches("(?s).*\nacme:hello +Greet someone\n.*"));
            String described = shell("bw:help acme:hello");
            assertEquals(described, shell("bw:help hello"));
            assertTrue(described, described.contains("Greet someone\n\nSYNTAX\n        acme:hello <"));
            assertTrue(described, described.contains("ARGUMENTS\n        "));
            assertTrue(described, described.contains("\n                who to greet"));
            assertEquals("Hello world", shell("acme:hello world").strip());
        } finally {
            plugin.unregister();
        }
        assertFalse(shell("bw:help"), shell("bw:help").contains("acme:hello"));
        assertEquals("No command acme:hello; bw:help lists them", failure("bw:help acme:hello"));
    }

    @Test
    public void aFunctionServiceIsACommandToo() throws Exception {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("osgi.command.scope", "acme");
        properties.put("osgi.command.function", "shout");
        Function shout = (session, arguments) -> String.valueOf(arguments.get(0)).toUpperCase();
        ServiceRegistration<Function> plugin = context.registerService(Function.class, shout, properties);
        try {
            assertTrue(shell("bw:help"), shell("bw:help").contains("\nacme:shout"));
            assertTrue(shell("bw:help acme:shout").contains("SYNTAX\n        acme:shout"));
            assertEquals("HEY", shell("acme:shout hey").strip());
        } finally {
            plugin.unregister();
        }
    }
}
