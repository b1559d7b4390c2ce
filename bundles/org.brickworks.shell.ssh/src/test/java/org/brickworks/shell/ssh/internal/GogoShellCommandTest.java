package org.brickworks.shell.ssh.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The interactive shell channel, driven by a plain SSH client that types a script and waits for the close. */
@Timeout(60)
class GogoShellCommandTest {
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
    void ptyShellShowsBannerEchoesInputAndRunsCommandsUntilExit() throws IOException {
        SshFixture.Outcome outcome = fixture.shell("bw:whoami\rbw:echo hi\rexit\r", true);

        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).startsWith("Brickworks 0.0.0.test, logged in as alice.")
                .contains("\r\nbw> bw:whoami\r\nalice\r\n").contains("bw> bw:echo hi\r\nhi\r\n")
                .endsWith("bw> exit\r\n");
    }

    @Test
    void errorsAreOneLineInOrderOnTheTerminalAndTheShellGoesOn() throws IOException {
        SshFixture.Outcome outcome = fixture.shell("bw:fail c9\rbw:echo after\rlogout\r", true);

        assertThat(outcome.out())
                .contains("bw> bw:fail c9\r\nCluster c9 does not exist\r\nbw> bw:echo after\r\nafter\r\n");
        assertThat(outcome.err()).isEmpty();
    }

    @Test
    void withoutPtyErrorsGoToStderr() throws IOException {
        SshFixture.Outcome outcome = fixture.shell("bw:fail c9\nbw:echo after\n", false);

        assertThat(outcome.err()).isEqualTo("Cluster c9 does not exist\n");
        assertThat(outcome.out()).contains("after\n");
    }

    @Test
    void lineEditingKeysAreApplied() throws IOException {
        // "bw:echo hx", backspace, "i", a cursor key; then a dropped line (Ctrl-C), then Ctrl-D ends the shell.
        SshFixture.Outcome outcome = fixture.shell("bw:echo hx\u007fi\u001b[A\rbw:fail x\u0003\u0004", true);

        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).contains("bw:echo hx\b \bi\r\nhi\r\n").contains("bw:fail x^C\r\nbw> \r\n");
        assertThat(outcome.err()).isEmpty();
    }

    @Test
    void withoutPtyThereIsNoEchoAndEndOfInputEndsTheShell() throws IOException {
        SshFixture.Outcome outcome = fixture.shell("bw:echo plain\n", false);

        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).endsWith("bw> plain\nbw> ").doesNotContain("\r");
    }
}
