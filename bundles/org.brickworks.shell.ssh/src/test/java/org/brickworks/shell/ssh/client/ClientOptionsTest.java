package org.brickworks.shell.ssh.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.brickworks.shell.ssh.client.ClientOptions.InvalidOptionsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientOptionsTest {
    @TempDir
    Path temp;

    @Test
    void defaultsComeFromTheEnvironment() throws InvalidOptionsException {
        ClientOptions options = ClientOptions.parse(List.of("bw:status"),
                Map.of("BRICKWORKS_SSH_PORT", "9101", "BRICKWORKS_TOKEN", " dapi-env \n"), temp);

        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isEqualTo(9101);
        assertThat(options.token()).isEqualTo("dapi-env");
        assertThat(options.tokenSource()).isEqualTo("BRICKWORKS_TOKEN");
        assertThat(options.knownHosts()).isEqualTo(temp.resolve(".brickworks/known_hosts"));
    }

    @Test
    void optionsWinOverTheEnvironmentAndTheRestIsTheCommand() throws InvalidOptionsException {
        ClientOptions options = ClientOptions.parse(
                List.of("--host", "10.0.0.5", "--port", "2222", "--token", "dapi-opt", "bw:cluster", "--name", "c1"),
                Map.of("BRICKWORKS_SSH_PORT", "9101", "BRICKWORKS_TOKEN", "dapi-env"), temp);

        assertThat(options.host()).isEqualTo("10.0.0.5");
        assertThat(options.port()).isEqualTo(2222);
        assertThat(options.token()).isEqualTo("dapi-opt");
        assertThat(options.command()).isEqualTo("bw:cluster '--name' 'c1'");
        assertThat(options.toString()).doesNotContain("dapi-opt");
    }

    @Test
    void tokenFileIsReadFromDataOptionThenDataEnvironment() throws IOException, InvalidOptionsException {
        Path fromEnv = Files.createDirectories(temp.resolve("env-data"));
        Files.writeString(fromEnv.resolve("admin-token"), "dapi-file\n");

        ClientOptions options = ClientOptions.parse(List.of("bw:status"), Map.of("BRICKWORKS_DATA", fromEnv.toString()),
                temp);

        assertThat(options.token()).isEqualTo("dapi-file");
        assertThat(options.tokenSource()).isEqualTo(fromEnv.resolve("admin-token").toString());
        assertThat(ClientOptions.parse(List.of("--data", temp.resolve("script-default").toString(), "--data",
                fromEnv.toString(), "bw:status"), Map.of(), temp).token()).isEqualTo("dapi-file");
        assertThatThrownBy(() -> ClientOptions.parse(List.of("--data", temp.resolve("none").toString(), "bw:status"),
                Map.of("BRICKWORKS_DATA", fromEnv.toString()), temp)).isInstanceOf(InvalidOptionsException.class)
                .hasMessageContaining("none");
    }

    @Test
    void badInputIsRefusedWithTheOffendingValue() {
        Map<String, String> env = Map.of("BRICKWORKS_TOKEN", "t");

        assertThatThrownBy(() -> ClientOptions.parse(List.of("--port", "80a", "x"), env, temp))
                .hasMessage("Not a port number: 80a");
        assertThatThrownBy(() -> ClientOptions.parse(List.of("--verbose", "x"), env, temp))
                .hasMessage("Unknown option: '--verbose'");
        assertThatThrownBy(() -> ClientOptions.parse(List.of("--port", "2222"), env, temp))
                .hasMessage("Missing required parameter: 'COMMAND'");
        assertThatThrownBy(() -> ClientOptions.parse(List.of("bw:sql c1 SELECT 1"), env, temp))
                .hasMessageStartingWith("Not a command name: bw:sql c1 SELECT 1 (give the command and each");
    }

    @Test
    void everyWordOfTheCommandIsQuotedForGogoExceptItsName() throws InvalidOptionsException {
        ClientOptions options = ClientOptions.parse(List.of("--token", "t", "bw:sql", "c1",
                "SELECT 'x' AS s, * FROM t", "", "--", "@args", "-h"), Map.of(), temp);

        assertThat(options.command())
                .isEqualTo("bw:sql 'c1' 'SELECT '\\''x'\\'' AS s, * FROM t' '' '--' '@args' '-h'");
        assertThat(ClientOptions.parse(List.of("--token", "t", "--", "lb"), Map.of(), temp).command())
                .isEqualTo("lb");
    }

    @Test
    void helpIsRecognisedAmongTheOptionsOnly() {
        assertThat(ClientOptions.wantsHelp(List.of("--data", "/d", "--help"))).isTrue();
        assertThat(ClientOptions.wantsHelp(List.of("-h"))).isTrue();
        assertThat(ClientOptions.wantsHelp(List.of("--token", "--help", "bw:status"))).isFalse();
        assertThat(ClientOptions.wantsHelp(List.of("bw:help", "--help"))).isFalse();
    }
}
