package org.brickworks.shell.ssh.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real client against a real server: token sources, known hosts, failures to connect. */
@Timeout(60)
class BrickworksClientTest {
    @TempDir
    Path temp;

    @Test
    void tokenFromDataDirectoryFileIsUsedWhenNoneIsGiven() throws IOException {
        try (SshFixture fixture = new SshFixture(temp.resolve("data"), temp.resolve("home"))) {
            Path data = Files.createDirectories(temp.resolve("distribution-data"));
            Files.writeString(data.resolve("admin-token"), SshFixture.ALICE_TOKEN + "\n");

            SshFixture.Outcome outcome = fixture.client("--data", data.toString(), "bw:whoami");

            assertThat(outcome.status()).isZero();
            assertThat(outcome.out()).isEqualTo("alice\n");
        }
    }

    @Test
    void everyArgumentArrivesAsExactlyOneArgument() throws IOException {
        List<String> words = List.of("SELECT version()", "CREATE TABLE t (id INT, name STRING)", "SELECT * FROM t",
                "SELECT 1 AS one, 'x' AS s", "it's \"quoted\"", "$HOME ${x} $(echo no)", "back\\slash\\", "",
                "two\nlines", "--lines", "@file", "{a} [b] ;|&", "ünïcödé €");
        try (SshFixture fixture = new SshFixture(temp.resolve("data"), temp.resolve("home"))) {
            List<String> args = new ArrayList<>(List.of("--token", SshFixture.ALICE_TOKEN, "bw:args"));
            args.addAll(words);

            SshFixture.Outcome outcome = fixture.client(args.toArray(String[]::new));

            assertThat(outcome.err()).doesNotContain("Exception").doesNotContain("Unknown");
            assertThat(outcome.out()).isEqualTo(
                    words.stream().map(word -> "<" + word + ">").collect(Collectors.joining("\n")) + "\n");
            assertThat(outcome.status()).isZero();
        }
    }

    @Test
    void serverKeyIsRememberedOnFirstUseUnderTheHomeFolder() throws IOException {
        try (SshFixture fixture = new SshFixture(temp.resolve("data"), temp.resolve("home"))) {
            SshFixture.Outcome first = fixture.client("--token", SshFixture.ALICE_TOKEN, "bw:echo", "one");
            SshFixture.Outcome second = fixture.client("--token", SshFixture.ALICE_TOKEN, "bw:echo", "two");

            Path knownHosts = temp.resolve("home").resolve(".brickworks").resolve("known_hosts");
            assertThat(Files.readString(knownHosts)).startsWith("[127.0.0.1]:" + fixture.port() + " ");
            assertThat(first.err()).startsWith("Trusting the new SSH server 127.0.0.1:" + fixture.port() + " (SHA256:");
            assertThat(second.err()).isEmpty();
            assertThat(second.out()).isEqualTo("two\n");
        }
    }

    @Test
    void changedServerKeyIsRefused() throws IOException {
        int port;
        try (SshFixture original = new SshFixture(temp.resolve("data"), temp.resolve("home"))) {
            port = original.port();
            assertThat(original.client("--token", SshFixture.ALICE_TOKEN, "bw:echo", "one").status()).isZero();
        }
        // Another data directory means another host key, served on the port the client remembered.
        try (SshFixture impostor = new SshFixture(temp.resolve("other-data"), temp.resolve("home"))) {
            impostor.server().modified(SshTestDoubles.config("127.0.0.1", port));

            SshFixture.Outcome outcome = impostor.client("--token", SshFixture.ALICE_TOKEN, "bw:echo", "two");

            assertThat(outcome.status()).isEqualTo(2);
            assertThat(outcome.out()).isEmpty();
            assertThat(outcome.err()).contains("presents a different key").hasLineCount(1);
        }
    }

    @Test
    void unreachableServerGivesOneLineAndStatusTwo() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        SshFixture.Outcome outcome = runClient("--port", String.valueOf(closedPort), "--token", "t", "bw:echo", "x");

        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.err()).startsWith("Cannot connect to the Brickworks SSH shell at 127.0.0.1:" + closedPort)
                .hasLineCount(1);
    }

    @Test
    void missingTokenIsExplainedBeforeConnecting() {
        SshFixture.Outcome outcome = runClient("--data", temp.resolve("nowhere").toString(), "bw:echo", "x");

        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.err()).startsWith("No token: pass --token, set BRICKWORKS_TOKEN or create ");
    }

    private SshFixture.Outcome runClient(String... args) {
        return SshFixture.runClient(temp.resolve("home"), List.of(args));
    }
}
