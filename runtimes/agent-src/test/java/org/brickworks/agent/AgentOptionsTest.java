package org.brickworks.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.brickworks.agent.protocol.AgentLaunch;
import org.brickworks.agent.testing.AgentProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentOptionsTest {

    @TempDir
    Path dir;

    @Test
    void theProtocolsMainClassIsTheAgents() {
        assertThat(AgentLaunch.MAIN_CLASS).isEqualTo(DriverAgent.class.getName());
    }

    @Test
    void readsEveryOption() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "  s3cret \nignored\n");
        Path jar = Files.writeString(dir.resolve("language.jar"), "");

        AgentOptions options = parse("--secret-file", secret.toString(), "--port", "8123", "--host", "0.0.0.0",
                "--conf", "spark.master=local[4]", "--conf", "a=b=c", "--ready-file", "ready.json", "--connect-port",
                "15002", "--auth-url", "https://bw.example.com/api/2.0/preview/scim/v2/Me", "--language-jar",
                jar.toString(), "--language-jar", jar.toString());

        assertThat(options.secret()).isEqualTo("s3cret");
        assertThat(options.port()).isEqualTo(8123);
        assertThat(options.host()).isEqualTo("0.0.0.0");
        assertThat(options.sparkConf()).isEqualTo(Map.of("spark.master", "local[4]", "a", "b=c"));
        assertThat(options.readyFile()).contains(Path.of("ready.json"));
        assertThat(options.connectPort()).hasValue(15002);
        assertThat(options.authUrl()).contains(URI.create("https://bw.example.com/api/2.0/preview/scim/v2/Me"));
        assertThat(options.languageJars()).containsExactly(jar, jar);
        assertThat(options.toString()).doesNotContain("s3cret");
    }

    @Test
    void theCommandLineConfWinsOverTheConfFileWhoseValuesAreNeverPrinted() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "s");
        Path conf = Files.writeString(dir.resolve("platform.conf"),
                "spark.hadoop.javax.jdo.option.ConnectionPassword=pw\\=1\nspark.sql.warehouse.dir=dbfs\\:/w\n");

        AgentOptions options = parse("--secret-file", secret.toString(), "--conf", "spark.sql.warehouse.dir=/mine",
                "--conf-file", conf.toString());

        assertThat(options.sparkConf()).isEqualTo(Map.of("spark.hadoop.javax.jdo.option.ConnectionPassword", "pw=1",
                "spark.sql.warehouse.dir", "/mine"));
        assertThat(options.toString()).doesNotContain("pw=1");
    }

    @Test
    void defaultsToAnyPortOnLoopback() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "s");

        AgentOptions options = parse("--secret-file", secret.toString());

        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isZero();
        assertThat(options.readyFile()).isEmpty();
        assertThat(options.connectPort()).isEmpty();
        assertThat(options.authUrl()).isEmpty();
        assertThat(options.python()).isEqualTo("python3");
        assertThat(options.r()).isEqualTo("R");
        assertThat(options.languageJars()).isEmpty();
    }

    @Test
    void takesThePythonAndRExecutables() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "s");

        AgentOptions options = parse("--secret-file", secret.toString(), "--python", "/opt/py/bin/python3.11", "--r",
                "/usr/lib/R/bin/R");

        assertThat(options.python()).isEqualTo("/opt/py/bin/python3.11");
        assertThat(options.r()).isEqualTo("/usr/lib/R/bin/R");
    }

    @Test
    void refusesMissingOrEmptySecretsAndBadValuesReadably() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        String secret = Files.writeString(dir.resolve("secret"), "s").toString();

        assertThatThrownBy(() -> parse("--port", "1")).hasMessageContaining("--secret-file");
        assertThatThrownBy(() -> parse("--secret-file", empty.toString())).hasMessageContaining("empty");
        assertThatThrownBy(() -> parse("--secret-file", dir.resolve("none").toString()))
                .hasMessageContaining("cannot read");
        assertThatThrownBy(() -> parse("--secret-file", secret, "--port", "x")).hasMessageContaining("--port")
                .hasMessageContaining("'x'");
        assertThatThrownBy(() -> parse("--secret-file", secret, "--connect-port", "70000"))
                .hasMessageContaining("--connect-port must be 0..65535");
        assertThatThrownBy(() -> parse("--secret-file", secret, "--auth-url", "file:/etc/passwd"))
                .hasMessageContaining("http(s)");
        assertThatThrownBy(() -> parse("--secret-file", secret, "--auth-url", "http://a b"))
                .hasMessageContaining("--auth-url");
        assertThatThrownBy(() -> parse("--secret-file", secret, "--conf", "novalue"))
                .hasMessageContaining("KEY=VALUE");
        assertThatThrownBy(() -> parse("--secret-file", secret, "--bogus", "1")).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> parse("--secret-file", secret, "--port")).hasMessageContaining("--port");
        assertThatThrownBy(() -> parse("--secret-file", secret, "--language-jar", dir.resolve("no.jar").toString()))
                .hasMessageContaining("no.jar is not a readable file");
    }

    @Test
    void badArgumentsExitWithTwoAndTheUsage() throws Exception {
        List<String> command = new ArrayList<>(AgentProcess.javaCommand());
        command.addAll(List.of("--secret-file", dir.resolve("secret").toString(), "--port", "x"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(AgentLaunch.EXIT_BAD_ARGUMENTS);
        assertThat(output).contains("Invalid value for option '--port'").contains("Usage: " + AgentLaunch.MAIN_CLASS)
                .contains("--language-jar=<jar>");
    }

    private static AgentOptions parse(String... args) {
        return AgentOptions.parse(List.of(args)).orElseThrow();
    }
}
