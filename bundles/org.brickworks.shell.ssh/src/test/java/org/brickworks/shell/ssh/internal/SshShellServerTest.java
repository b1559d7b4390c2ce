package org.brickworks.shell.ssh.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.GeneralSecurityException;

import org.brickworks.audit.api.AuditEvent;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SshShellServerTest {
    @TempDir
    Path temp;

    private SshFixture fixture;

    @BeforeEach
    void startServer() throws IOException {
        fixture = new SshFixture(temp.resolve("data"), temp.resolve("home"));
        // The first contact prints a trust-on-first-use notice on stderr; get it out of the way.
        assertThat(fixture.client("--token", SshFixture.ALICE_TOKEN, "bw:echo", "hello").status()).isZero();
    }

    @AfterEach
    void stopServer() {
        fixture.close();
    }

    @Test
    void validTokenRunsCommandAndExitsZero() {
        SshFixture.Outcome outcome = fixture.client("--token", SshFixture.ALICE_TOKEN, "bw:echo", "hello");

        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).isEqualTo("hello\n");
    }

    @Test
    void failingCommandExitsOneWithItsMessageOnStderr() {
        SshFixture.Outcome outcome = fixture.client("--token", SshFixture.ALICE_TOKEN, "bw:fail", "c1");

        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err()).isEqualTo("Cluster c1 does not exist\n");
    }

    @Test
    void unexpectedExceptionAndUnknownCommandAlsoGiveOneLine() {
        SshFixture.Outcome crash = fixture.client("--token", SshFixture.ALICE_TOKEN, "bw:crash");
        SshFixture.Outcome unknown = fixture.client("--token", SshFixture.ALICE_TOKEN, "bw:nosuchcommand");

        assertThat(crash.status()).isEqualTo(1);
        assertThat(crash.err()).isEqualTo("Something broke\n");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).contains("nosuchcommand").hasLineCount(1);
    }

    @Test
    void wrongTokenIsRefusedWithReadableMessage() {
        SshFixture.Outcome outcome = fixture.client("--token", "dapi-wrong", "bw:echo", "hello");

        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err())
                .startsWith("Login to 127.0.0.1:" + fixture.port() + " refused with the token from --token")
                .hasLineCount(1).doesNotContain("dapi-wrong");
    }

    @Test
    void loginsAcceptedAndRefusedAreAudited() {
        fixture.audited.clear();
        fixture.client("--token", "dapi-wrong", "bw:echo", "hello");
        fixture.client("--token", SshFixture.ALICE_TOKEN, "bw:echo", "hello");

        assertThat(fixture.audited).extracting(e -> e.serviceName() + " " + e.actionName() + " " + e.statusCode()
                + " " + e.userAgent() + " " + e.sourceIpAddress()).contains("accounts sshLogin 401 ssh 127.0.0.1",
                        "accounts sshLogin 200 ssh 127.0.0.1");
        assertThat(fixture.audited).filteredOn(e -> e.statusCode() == 200).extracting(AuditEvent::userName)
                .containsOnly("alice");
        assertThat(fixture.audited).allSatisfy(e -> assertThat(e.toString()).doesNotContain("dapi-"));
    }

    @Test
    void tokenUserNameAndOwnerNameBothWorkAndSetUser() throws IOException {
        SshFixture.Outcome asToken = fixture.exec("token", SshFixture.ALICE_TOKEN, "bw:whoami");
        SshFixture.Outcome asOwner = fixture.exec("alice", SshFixture.ALICE_TOKEN, "bw:whoami");

        assertThat(asToken).isEqualTo(new SshFixture.Outcome(0, "alice\n", ""));
        assertThat(asOwner).isEqualTo(new SshFixture.Outcome(0, "alice\n", ""));
    }

    @Test
    void tokenOfAnotherUserIsRefused() {
        assertThatThrownBy(() -> fixture.exec("bob", SshFixture.ALICE_TOKEN, "bw:whoami"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void authorizedKeyLogsInAsExistingUserOnly() throws Exception {
        KeyPair listed = newKeyPair();
        Files.writeString(fixture.dataDirectory.resolve("ssh").resolve("authorized_keys"),
                PublicKeyEntry.toString(listed.getPublic()) + " bob@laptop\n");

        SshFixture.Outcome asBob = fixture.execWithKey("bob", listed, "bw:whoami");

        assertThat(asBob).isEqualTo(new SshFixture.Outcome(0, "bob\n", ""));
        assertThatThrownBy(() -> fixture.execWithKey("mallory", listed, "bw:whoami")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> fixture.execWithKey("bob", newKeyPair(), "bw:whoami")).isInstanceOf(IOException.class);
    }

    @Test
    void noAuthorizedKeysFileMeansNoKeyLogin() throws Exception {
        assertThat(fixture.dataDirectory.resolve("ssh").resolve("authorized_keys")).doesNotExist();

        assertThatThrownBy(() -> fixture.execWithKey("alice", newKeyPair(), "bw:whoami"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void hostKeyIsCreatedReadableByOwnerOnly() throws IOException {
        Path hostKey = fixture.dataDirectory.resolve("ssh").resolve("hostkey.ser");

        assertThat(hostKey).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(hostKey))).isEqualTo("rw-------");
    }

    @Test
    void modifiedPortRestartsTheListenerThere() throws IOException {
        int before = fixture.port();
        int freePort = freePort();

        fixture.server().modified(SshTestDoubles.config("127.0.0.1", 0));
        int afterSameConfig = fixture.port();
        fixture.server().modified(SshTestDoubles.config("127.0.0.1", freePort));

        assertThat(afterSameConfig).isEqualTo(before);
        assertThat(fixture.port()).isEqualTo(freePort);
        assertThat(fixture.client("--token", SshFixture.ALICE_TOKEN, "bw:echo", "moved").out()).isEqualTo("moved\n");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }
}
