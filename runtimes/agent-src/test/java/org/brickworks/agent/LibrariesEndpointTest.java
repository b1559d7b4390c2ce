package org.brickworks.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** Cluster libraries on a real agent: a jar installed over HTTP is used by SQL on the driver and in tasks. */
class LibrariesEndpointTest {
    private static final String SECRET = UUID.randomUUID().toString();

    @TempDir
    static Path dir;
    private static AgentProcess agent;
    private static AgentClient client;

    @BeforeAll
    static void startAgent() throws Exception {
        agent = AgentProcess.start("LibrariesEndpointTest", dir, SECRET, "--conf",
                "spark.sql.warehouse.dir=" + dir.resolve("warehouse"));
        client = new AgentClient(agent.baseUri(), SECRET);
    }

    @AfterAll
    static void stopAgent() throws InterruptedException {
        agent.close();
    }

    @Test
    void anInstalledJarIsVisibleToSqlOnTheDriverAndInTasks() throws Exception {
        String context = client.createContext();
        Path jar = TestLibraryJar.greeter(Files.createDirectories(dir.resolve("lib")), "hello ");
        Path python = Files.createDirectories(dir.resolve("site"));
        JsonNode before = client.run(context, "SELECT java_method('bw.test.Greeter', 'greet', 'a')");
        assertThat(before.path("results").path("resultType").asText()).isEqualTo("error");

        JsonNode installed = client.call("POST", "/libraries",
                Map.of("jars", List.of(jar.toString()), "python_paths", List.of(python.toString())));

        assertThat(installed.path("jars").get(0).asText()).isEqualTo(jar.toString());
        assertThat(installed.path("python_paths").get(0).asText()).isEqualTo(python.toString());
        JsonNode literal = client.run(client.createContext(), "SELECT java_method('bw.test.Greeter', 'greet', 'a')");
        assertThat(literal.path("results").path("data").toString()).isEqualTo("[[\"hello a\"]]");
        JsonNode tasks = client.run(context,
                "SELECT java_method('bw.test.Greeter', 'greet', id) FROM range(3) ORDER BY 1");
        assertThat(tasks.path("results").path("data").toString())
                .isEqualTo("[[\"hello 0\"],[\"hello 1\"],[\"hello 2\"]]");
        assertThat(client.call("GET", "/libraries", null).path("jars")).hasSize(1);
    }

    @Test
    void aMissingFileIsRefusedNamingIt() throws Exception {
        Path missing = dir.resolve("nothing.jar");

        JsonNode answer = client.call("POST", "/libraries", Map.of("jars", List.of(missing.toString())));

        assertThat(answer.path("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(answer.path("message").asText()).contains("nothing.jar");
    }
}
