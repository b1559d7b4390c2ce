package org.brickworks.execution.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.brickworks.agent.protocol.CommandState;
import org.brickworks.agent.protocol.CommandStatus;
import org.brickworks.agent.protocol.ContextInstall;
import org.brickworks.agent.protocol.Execute;
import org.brickworks.agent.protocol.LanguageJars;
import org.brickworks.agent.protocol.Mount;
import org.brickworks.agent.protocol.MountTable;
import org.brickworks.agent.protocol.TextResult;
import org.brickworks.clusters.api.dto.DriverChannel;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent client against a stand-in agent: the protocol's wire format, the agent's errors. */
class AgentClientTest {
    private final AgentClient client = new AgentClient();
    private final FakeAgent agent;
    private final DriverChannel driver;

    @TempDir
    Path temp;

    AgentClientTest() throws Exception {
        agent = new FakeAgent();
        driver = agent.channel("c1");
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    @Test
    void executeSpeaksTheProtocolWithTheSecretAndReadsANotebookExit() {
        agent.answer("POST", "/commands", 200, "{\"id\":\"cmd1\",\"status\":\"Finished\",\"results\":"
                + "{\"resultType\":\"text\",\"data\":\"bye\",\"notebookExit\":true}}");

        CommandStatus status = client.execute(driver, new Execute("ctx1", "scala", "1 + 1", null,
                Map.of("day", "1"), 100));

        assertThat(status).isEqualTo(new CommandStatus("cmd1", CommandState.FINISHED, TextResult.exit("bye")));
        FakeAgent.Request request = agent.last("POST", "/commands");
        assertThat(request.authorization()).isEqualTo("Bearer " + FakeAgent.SECRET);
        assertThat(request.body()).isEqualTo("{\"contextId\":\"ctx1\",\"language\":\"scala\",\"command\":\"1 + 1\","
                + "\"parameters\":{\"day\":\"1\"},\"waitMillis\":100}");
    }

    @Test
    void statusWaitsOnTheAgentAndReadsATable() {
        agent.answer("GET", "/commands/cmd1", 200, "{\"id\":\"cmd1\",\"status\":\"Finished\",\"results\":"
                + "{\"resultType\":\"table\",\"schema\":[{\"name\":\"one\",\"type\":\"\\\"integer\\\"\",\"metadata\":\"{}\"}],"
                + "\"data\":[[1]],\"truncated\":false,\"isJsonSchema\":true}}");

        assertThat(ProtocolResults.status(client.status(driver, "ctx1", "cmd1", 500)).result().resultType())
                .isEqualTo("table");
        assertThat(agent.last("GET", "/commands/cmd1?wait_ms=500&context_id=ctx1")).isNotNull();
    }

    @Test
    void installsAndLibrariesGoAsTheirRecords() {
        agent.answer("POST", "/contexts/ctx1/libraries", 200, "{\"id\":\"cmd2\"}").answer("POST", "/libraries", 200,
                "{}");

        assertThat(client.installInContext(driver, "ctx1", new ContextInstall(List.of("/a.jar"), List.of("/py"),
                "Installed a", null))).isEqualTo("cmd2");
        client.addLibraries(driver, new org.brickworks.agent.protocol.Libraries(List.of("/b.jar"), List.of()));

        assertThat(agent.last("POST", "/contexts/ctx1/libraries").body())
                .isEqualTo("{\"jars\":[\"/a.jar\"],\"pythonPaths\":[\"/py\"],\"summary\":\"Installed a\"}");
        assertThat(agent.last("POST", "/libraries").body()).isEqualTo("{\"jars\":[\"/b.jar\"],\"pythonPaths\":[]}");
    }

    @Test
    void theAgentsErrorsKeepTheirCodeAndMessage() {
        agent.answer("POST", "/contexts", 400, "{\"errorCode\":\"INVALID_PARAMETER_VALUE\",\"message\":\"bad\"}")
                .answer("GET", "/contexts/gone", 404, "{\"errorCode\":\"RESOURCE_DOES_NOT_EXIST\",\"message\":"
                        + "\"Context gone does not exist\"}");

        assertThatThrownBy(() -> client.createContext(driver, new org.brickworks.agent.protocol.CreateContext("sql",
                Map.of()))).isInstanceOfSatisfying(BrickworksException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
                    assertThat(e.getMessage()).isEqualTo("bad");
                });
        assertThatThrownBy(() -> client.contextStatus(driver, "gone")).isInstanceOfSatisfying(
                BrickworksException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
    }

    @Test
    void aDriverThatDoesNotAnswerIsTemporarilyUnavailable() {
        DriverChannel gone = new DriverChannel("c2", "127.0.0.1", 1, "x");

        assertThatThrownBy(() -> client.contextStatus(gone, "ctx")).isInstanceOfSatisfying(
                BrickworksException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TEMPORARILY_UNAVAILABLE));
        assertThat(client.healthy(gone)).isFalse();
        assertThat(client.shutDown(gone)).isFalse();
    }

    @Test
    void mountsAndLanguagesArePutWholeAndAnAgentsRefusalFails() {
        MountTable table = new MountTable(7, List.of(new Mount("wasbs://c@a/p", "/mnt/a", Map.of("k", "v"))));
        agent.answer("PUT", "/mounts", 200, "{}").answer("PUT", "/languages", 200, "{\"languages\":[\"sh\"]}");

        client.putMounts(driver, table);
        client.putLanguages(driver, new LanguageJars(List.of("/sh.jar")));

        assertThat(agent.last("PUT", "/mounts").body()).isEqualTo("{\"version\":7,\"mounts\":[{\"source\":"
                + "\"wasbs://c@a/p\",\"mountPoint\":\"/mnt/a\",\"extraConfigs\":{\"k\":\"v\"}}]}");
        assertThat(agent.last("PUT", "/languages").body()).isEqualTo("{\"jars\":[\"/sh.jar\"]}");
        agent.answer("PUT", "/languages", 400, "{\"errorCode\":\"INVALID_PARAMETER_VALUE\",\"message\":\"no jar\"}");
        assertThatThrownBy(() -> client.putLanguages(driver, new LanguageJars(List.of("/x.jar"))))
                .hasMessage("no jar");
    }

    @Test
    void readsTheReadyFileOnceItExists() throws Exception {
        Path ready = temp.resolve("ready.json");
        assertThat(AgentClient.ready(ready)).isEmpty();
        Files.writeString(ready, "{\"port\":4321,\"sparkVersion\":\"3.5.7\",\"pid\":9,\"connectPort\":15002}");

        assertThat(AgentClient.ready(ready)).hasValueSatisfying(r -> {
            assertThat(r.port()).isEqualTo(4321);
            assertThat(r.connectPort()).isEqualTo(15002);
        });
    }
}
