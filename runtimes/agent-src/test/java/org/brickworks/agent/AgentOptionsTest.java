package org.brickworks.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentOptionsTest {

    @TempDir
    Path dir;

    @Test
    void readsEveryOption() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "  s3cret \nignored\n");

        AgentOptions options = AgentOptions
                .parse(List.of("--secret-file", secret.toString(), "--port", "8123", "--host", "0.0.0.0", "--conf",
                        "spark.master=local[4]", "--conf", "a=b=c", "--ready-file", "ready.json", "--connect-port",
                        "15002", "--auth-url", "https://bw.example.com/api/2.0/preview/scim/v2/Me"));

        assertThat(options.secret()).isEqualTo("s3cret");
        assertThat(options.port()).isEqualTo(8123);
        assertThat(options.host()).isEqualTo("0.0.0.0");
        assertThat(options.sparkConf()).isEqualTo(Map.of("spark.master", "local[4]", "a", "b=c"));
        assertThat(options.readyFile()).contains(Path.of("ready.json"));
        assertThat(options.connectPort()).hasValue(15002);
        assertThat(options.authUrl()).contains(URI.create("https://bw.example.com/api/2.0/preview/scim/v2/Me"));
        assertThat(options.toString()).doesNotContain("s3cret");
    }

    @Test
    void theCommandLineConfWinsOverTheConfFileWhoseValuesAreNeverPrinted() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "s");
        Path conf = Files.writeString(dir.resolve("platform.conf"),
                "spark.hadoop.javax.jdo.option.ConnectionPassword=pw\\=1\nspark.sql.warehouse.dir=dbfs\\:/w\n");

        AgentOptions options = AgentOptions.parse(List.of("--secret-file", secret.toString(), "--conf",
                "spark.sql.warehouse.dir=/mine", "--conf-file", conf.toString()));

        assertThat(options.sparkConf()).isEqualTo(Map.of("spark.hadoop.javax.jdo.option.ConnectionPassword", "pw=1",
                "spark.sql.warehouse.dir", "/mine"));
        assertThat(options.toString()).doesNotContain("pw=1");
    }

    @Test
    void defaultsToAnyPortOnLoopback() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "s");

        AgentOptions options = AgentOptions.parse(List.of("--secret-file", secret.toString()));

        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isZero();
        assertThat(options.readyFile()).isEmpty();
        assertThat(options.connectPort()).isEmpty();
        assertThat(options.authUrl()).isEmpty();
        assertThat(options.python()).isEqualTo("python3");
        assertThat(options.r()).isEqualTo("R");
    }

    @Test
    void takesThePythonAndRExecutables() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "s");

        AgentOptions options = AgentOptions.parse(List.of("--secret-file", secret.toString(), "--python",
                "/opt/py/bin/python3.11", "--r", "/usr/lib/R/bin/R"));

        assertThat(options.python()).isEqualTo("/opt/py/bin/python3.11");
        assertThat(options.r()).isEqualTo("/usr/lib/R/bin/R");
    }

    @Test
    void refusesMissingOrEmptySecretsAndBadValues() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");

        assertThatThrownBy(() -> AgentOptions.parse(List.of("--port", "1"))).hasMessageContaining("--secret-file");
        assertThatThrownBy(() -> AgentOptions.parse(List.of("--secret-file", empty.toString())))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> AgentOptions.parse(List.of("--secret-file", dir.resolve("none").toString())))
                .hasMessageContaining("cannot read");
        assertThatThrownBy(() -> AgentOptions.parse(List.of("--port", "x"))).hasMessageContaining("number");
        assertThatThrownBy(() -> AgentOptions.parse(List.of("--connect-port", "70000")))
                .hasMessageContaining("--connect-port must be 0..65535");
        assertThatThrownBy(() -> AgentOptions.parse(List.of("--auth-url", "file:/etc/passwd")))
                .hasMessageContaining("http(s)");
        assertThatThrownBy(() -> AgentOptions.parse(List.of("--auth-url", "http://a b"))).hasMessageContaining("URL");
        assertThatThrownBy(() -> AgentOptions.parse(List.of("--conf", "novalue"))).hasMessageContaining("key=value");
        assertThatThrownBy(() -> AgentOptions.parse(List.of("--bogus", "1"))).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> AgentOptions.parse(List.of("--port"))).hasMessageContaining("missing value");
    }
}
