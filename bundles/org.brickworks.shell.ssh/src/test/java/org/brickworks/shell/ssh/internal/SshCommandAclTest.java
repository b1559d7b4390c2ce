package org.brickworks.shell.ssh.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.brickworks.shell.ssh.internal.acl.CommandAcl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command ACL over real SSH channels and a real Gogo runtime: every way a line can reach a command, or the host,
 * is checked for a user who is no administrator (bob); an administrator (alice) may do everything.
 */
@Timeout(60)
class SshCommandAclTest {
    private static final String REFUSED_INSTALL = "Permission denied: felix:install is for admins\n";

    @TempDir
    Path temp;

    private SshFixture fixture;

    @BeforeEach
    void startServer() throws IOException {
        fixture = new SshFixture(temp.resolve("data"), temp.resolve("home"));
    }

    @AfterEach
    void stopServer() {
        fixture.close();
    }

    @Test
    void nonAdminRunsAdmittedCommandsAndIsRefusedTheOthersInOneLine() throws IOException {
        assertThat(fixture.exec("token", SshFixture.BOB_TOKEN, "bw:echo hi").out()).isEqualTo("hi\n");

        SshFixture.Outcome refused = fixture.exec("token", SshFixture.BOB_TOKEN, "felix:install file:/tmp/x.jar");

        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).isEqualTo(REFUSED_INSTALL);
    }

    @Test
    void adminRunsEverything() throws IOException {
        SshFixture.Outcome installed = fixture.exec("token", SshFixture.ALICE_TOKEN, "felix:install file:/tmp/x.jar");

        assertThat(installed.status()).isZero();
        assertThat(installed.out()).isEqualTo("Installed file:/tmp/x.jar\n");
    }

    @Test
    void nestedCallsPipelinesClosuresAndScopeSearchAreCheckedToo() throws IOException {
        for (String line : new String[] { "bw:echo (felix:install x)", "bw:echo a | felix:install x",
                "f = { felix:install $1 }; f x", "SCOPE = felix:bw; install x", "*:install x" }) {
            SshFixture.Outcome outcome = fixture.exec("token", SshFixture.BOB_TOKEN, line);
            assertThat(outcome.err()).as(line).isEqualTo(REFUSED_INSTALL);
            assertThat(outcome.out()).as(line).doesNotContain("Installed");
        }
    }

    @Test
    void javaMethodsRedirectionsAndTheUserVariableAreForAdmins() throws IOException {
        Path file = temp.resolve("out.txt");

        assertThat(fixture.exec("token", SshFixture.BOB_TOKEN, "(bw:echo abc) length").err())
                .isEqualTo("Permission denied: calling methods of Java objects (shell:.invoke) is for admins\n");
        assertThat(fixture.exec("token", SshFixture.BOB_TOKEN, "bw:echo secret > " + file).err())
                .isEqualTo("Permission denied: redirecting to or from host files (shell:.redirect) is for admins\n");
        assertThat(file).doesNotExist();
        assertThat(fixture.exec("token", SshFixture.BOB_TOKEN, "USER = alice; bw:whoami").err())
                .isEqualTo("Permission denied: USER is the signed-in user, bob\n");

        assertThat(fixture.exec("token", SshFixture.ALICE_TOKEN, "(bw:echo abc) length").out()).isEqualTo("3\n");
        assertThat(fixture.exec("token", SshFixture.ALICE_TOKEN, "bw:echo mine > " + file).status()).isZero();
        assertThat(file).exists(); // Gogo writes what a command prints there, not what it returns
    }

    @Test
    void wildcardsAreNotExpandedAgainstHostFilesForNonAdmins() throws IOException {
        Files.createDirectories(temp.resolve("dir"));
        Files.writeString(temp.resolve("dir/hosts-file"), "x");
        String glob = temp.resolve("dir") + "/*";

        assertThat(fixture.exec("token", SshFixture.BOB_TOKEN, "bw:args " + glob).out()).isEqualTo("<" + glob + ">\n");
        assertThat(fixture.exec("token", SshFixture.ALICE_TOKEN, "bw:args " + glob).out()).contains("hosts-file");
    }

    @Test
    void aChangedAclAppliesToTheNextCommand() throws IOException {
        SshFixture.Outcome before = fixture.exec("token", SshFixture.BOB_TOKEN, "felix:install x");
        fixture.acl = CommandAcl.of(Map.of("bw", Map.of("*", "users"), "felix", Map.of("install", "users")));

        SshFixture.Outcome after = fixture.exec("token", SshFixture.BOB_TOKEN, "felix:install x");

        assertThat(before.err()).isEqualTo(REFUSED_INSTALL);
        assertThat(after.out()).isEqualTo("Installed x\n");
    }

    @Test
    void interactiveShellRefusesTooAndGoesOn() throws IOException {
        SshFixture.Outcome outcome = fixture.shell(SshFixture.BOB_TOKEN, "felix:install x\nbw:whoami\n", false);

        assertThat(outcome.err()).isEqualTo(REFUSED_INSTALL);
        assertThat(outcome.out()).contains("bob\n");
    }
}
