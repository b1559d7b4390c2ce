package org.brickworks.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.brickworks.agent.protocol.AgentLaunch;
import org.brickworks.agent.protocol.AgentPaths;
import org.brickworks.agent.protocol.LanguageJars;
import org.brickworks.agent.testing.AgentClient;
import org.brickworks.agent.testing.AgentProcess;
import org.brickworks.agent.testing.Conditions;
import org.brickworks.agent.testing.TestLanguages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Plugin languages on a real agent: jars built from the protocol's SPI alone ({@link TestLanguages}), given at start
 * ({@code --language-jar}) and later ({@code PUT /languages}), run like the built-in languages.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LanguagePluginsTest {

    private static final String SECRET = UUID.randomUUID().toString();

    @TempDir
    static Path dir;
    private static Path echo;
    private static Path shell;
    private static AgentProcess agent;
    private static AgentClient client;
    private static String echoContext;

    @BeforeAll
    static void startAgentWithTheEchoLanguage() throws Exception {
        echo = TestLanguages.echo(dir, "echo");
        shell = TestLanguages.shell(dir);
        agent = AgentProcess.start("LanguagePluginsTest", dir, SECRET, AgentLaunch.LANGUAGE_JAR, echo.toString());
        client = new AgentClient(agent.baseUri(), SECRET);
    }

    @AfterAll
    static void stopAgent() throws InterruptedException {
        agent.close();
    }

    @Test
    @Order(1)
    void aJarGivenAtStartAddsItsLanguageToContextsCommandsAndMagics() throws Exception {
        echoContext = client.createContext("echo", Map.of());
        String sql = client.createContext();

        JsonNode first = client.run(echoContext, "echo", "hello");
        JsonNode second = client.run(echoContext, "echo", "again");
        JsonNode failed = client.run(echoContext, "echo", "fail no luck");
        JsonNode magic = client.run(sql, "sql", "%echo\nfrom a magic");

        assertThat(languages()).isEqualTo("[\"echo\",\"fs\",\"python\",\"r\",\"scala\",\"sql\"]");
        assertThat(first.at("/results/data").asText()).as(first.toString()).isEqualTo("#1 hello");
        assertThat(second.at("/results/data").asText()).isEqualTo("#2 again");
        assertThat(failed.get("status").asText()).isEqualTo("Error");
        assertThat(failed.at("/results/summary").asText()).isEqualTo("no luck");
        assertThat(magic.at("/results/data").asText()).isEqualTo("#1 from a magic");
    }

    @Test
    @Order(2)
    void aLanguagePushedLaterRunsInTheContextsFolderAndCancelKillsItsProcesses() throws Exception {
        JsonNode pushed = client.call("PUT", AgentPaths.LANGUAGES, new LanguageJars(List.of(echo.toString(),
                shell.toString())));
        String context = client.createContext();
        Path folder = Path.of(client.run(context, "sh", "pwd").at("/results/data").asText());
        JsonNode failed = client.run(context, "sh", "echo out; echo err >&2; exit 3");
        String sleep = client.execute(context, "sh", "sleep 120 & echo $! > child; touch started; wait", 10,
                Map.of());
        assertThat(Conditions.awaitFile(folder.resolve("started"))).isTrue();
        long child = Long.parseLong(Files.readString(folder.resolve("child")).strip());

        client.cancel(sleep);
        JsonNode cancelled = client.await(sleep);
        JsonNode after = client.run(context, "sh", "echo after");

        assertThat(pushed.get("languages").toString()).contains("\"sh\"").contains("\"echo\"");
        assertThat(folder.getParent().getFileName().toString()).isEqualTo("contexts");
        assertThat(folder.getFileName().toString()).isEqualTo(context);
        assertThat(failed.at("/results/summary").asText()).isEqualTo("Exit status 3: err");
        assertThat(failed.at("/results/cause").asText()).isEqualTo("out\nerr");
        assertThat(cancelled.get("status").asText()).as(cancelled.toString()).isEqualTo("Cancelled");
        assertThat(Conditions.awaitEnd(child)).as("the command's child process ends").isTrue();
        assertThat(after.at("/results/data").asText()).isEqualTo("after");
    }

    @Test
    @Order(3)
    void aRemovedLanguageRefusesNewCommandsAndItsInterpretersAreClosed() throws Exception {
        Path folder = Path.of(client.run(echoContext, "echo", "whoami").at("/results/data").asText().split(" ")[1]);

        JsonNode badJar = client.call("PUT", AgentPaths.LANGUAGES, new LanguageJars(List.of(dir + "/none.jar")));
        JsonNode pushed = client.call("PUT", AgentPaths.LANGUAGES, new LanguageJars(List.of(shell.toString())));
        JsonNode refused = client.call("POST", AgentPaths.COMMANDS,
                Map.of("contextId", echoContext, "language", "echo", "command", "hello"));

        assertThat(badJar.get("errorCode").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(badJar.get("message").asText()).contains("none.jar");
        assertThat(pushed.get("languages").toString()).isEqualTo("[\"fs\",\"python\",\"r\",\"scala\",\"sh\",\"sql\"]");
        assertThat(refused.get("errorCode").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(refused.get("message").asText())
                .isEqualTo("Unknown language echo: this driver runs fs, python, r, scala, sh, sql");
        assertThat(Conditions.awaitFile(folder.resolve("echo-closed"))).isTrue();
    }

    private static String languages() throws Exception {
        return client.call("GET", AgentPaths.LANGUAGES, null).get("languages").toString();
    }
}
