package org.brickworks.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.brickworks.agent.protocol.AgentPaths;
import org.brickworks.agent.testing.AgentClient;
import org.brickworks.agent.testing.AgentProcess;
import org.brickworks.agent.testing.TestJars;
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
        Path jar = TestJars.greeter(Files.createDirectories(dir.resolve("lib")), "hello ");
        Path python = Files.createDirectories(dir.resolve("site"));
        JsonNode before = client.run(context, "SELECT java_method('bw.test.Greeter', 'greet', 'a')");
        assertThat(before.path("results").path("resultType").asText()).isEqualTo("error");

        JsonNode installed = client.call("POST", AgentPaths.LIBRARIES,
                Map.of("jars", List.of(jar.toString()), "pythonPaths", List.of(python.toString())));

        assertThat(installed.path("jars").get(0).asText()).isEqualTo(jar.toString());
        assertThat(installed.path("pythonPaths").get(0).asText()).isEqualTo(python.toString());
        JsonNode literal = client.run(client.createContext(), "SELECT java_method('bw.test.Greeter', 'greet', 'a')");
        assertThat(literal.path("results").path("data").toString()).isEqualTo("[[\"hello a\"]]");
        JsonNode tasks = client.run(context,
                "SELECT java_method('bw.test.Greeter', 'greet', id) FROM range(3) ORDER BY 1");
        assertThat(tasks.path("results").path("data").toString())
                .isEqualTo("[[\"hello 0\"],[\"hello 1\"],[\"hello 2\"]]");
        assertThat(client.call("GET", AgentPaths.LIBRARIES, null).path("jars")).hasSize(1);
    }

    @Test
    void aContextInstallReachesThatContextsScalaAndPythonOnly() throws Exception {
        String scala = client.createContext("scala", Map.of());
        String otherScala = client.createContext("scala", Map.of());
        String python = client.createContext("python", Map.of());
        String otherPython = client.createContext("python", Map.of());
        Path jar = TestJars.greeter(Files.createDirectories(dir.resolve("nb")), "notebook ");
        Path site = Files.createDirectories(dir.resolve("nb-site/bw_nb"));
        Files.writeString(site.resolve("__init__.py"), "VALUE = 'notebook'\n");
        Files.writeString(site.resolveSibling("bw_order.py"), "VALUE = 'notebook'\n");
        Path clusterSite = Files.createDirectories(dir.resolve("cluster-site"));
        Files.writeString(clusterSite.resolve("bw_order.py"), "VALUE = 'cluster'\n");
        client.run(scala, "scala", "val before = 1");

        JsonNode scalaInstall = client.await(client.call("POST", AgentPaths.contextLibraries(scala),
                Map.of("jars", List.of(jar.toString()), "summary", "Installed greeter")).path("id").asText());
        JsonNode pythonInstall = client.await(client.call("POST", AgentPaths.contextLibraries(python),
                Map.of("pythonPaths", List.of(site.getParent().toString()), "summary", "Installed bw_nb"))
                .path("id").asText());

        assertThat(scalaInstall.at("/results/data").asText()).startsWith("Installed greeter").contains("restarts");
        assertThat(pythonInstall.at("/results/data").asText()).isEqualTo("Installed bw_nb");
        assertThat(client.run(scala, "scala", "bw.test.Greeter.greet(\"x\")").at("/results/data").asText())
                .contains("notebook x");
        assertThat(client.run(otherScala, "scala", "bw.test.Greeter.greet(\"x\")").toString())
                .doesNotContain("notebook x");
        assertThat(client.run(python, "python", "import bw_nb\nbw_nb.VALUE").at("/results/data").asText())
                .isEqualTo("'notebook'");
        assertThat(client.run(otherPython, "python", "import bw_nb").at("/results/summary").asText())
                .contains("ModuleNotFoundError");
        // A cluster folder installed later comes after the context's own on its path, before the others' site packages.
        client.call("POST", AgentPaths.LIBRARIES, Map.of("pythonPaths", List.of(clusterSite.toString())));
        assertThat(client.run(python, "python", "import bw_order\nbw_order.VALUE").at("/results/data").asText())
                .isEqualTo("'notebook'");
        assertThat(client.run(otherPython, "python", "import bw_order\nbw_order.VALUE").at("/results/data").asText())
                .isEqualTo("'cluster'");
    }

    @Test
    void aFailedResolutionIsTheCommandsErrorAndInstallsNothing() throws Exception {
        String context = client.createContext("python", Map.of());
        Path site = Files.createDirectories(dir.resolve("never"));

        JsonNode failed = client.await(client.call("POST", AgentPaths.contextLibraries(context),
                Map.of("failure", "pip could not install bw-none: No matching distribution")).path("id").asText());
        JsonNode missing = client.await(client.call("POST", AgentPaths.contextLibraries(context),
                Map.of("jars", List.of(dir.resolve("none.jar").toString()), "pythonPaths", List.of(site.toString())))
                .path("id").asText());

        assertThat(failed.path("status").asText()).isEqualTo("Error");
        assertThat(failed.at("/results/summary").asText()).contains("No matching distribution");
        assertThat(missing.at("/results/summary").asText()).contains("none.jar");
        assertThat(client.run(context, "python", "import sys\n'" + site + "' in sys.path").at("/results/data")
                .asText()).isEqualTo("False");
    }

    @Test
    void aMissingFileIsRefusedNamingIt() throws Exception {
        Path missing = dir.resolve("nothing.jar");

        JsonNode answer = client.call("POST", AgentPaths.LIBRARIES, Map.of("jars", List.of(missing.toString())));

        assertThat(answer.path("errorCode").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(answer.path("message").asText()).contains("nothing.jar");
    }
}
