package org.brickworks.execution.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.execution.api.CellLanguage;
import org.brickworks.execution.api.NotebookLibraryResolver;
import org.brickworks.execution.api.dto.CommandResult;
import org.brickworks.execution.api.dto.CommandState;
import org.brickworks.execution.api.dto.CommandStatus;
import org.brickworks.execution.api.dto.ErrorResult;
import org.brickworks.execution.api.dto.HtmlResult;
import org.brickworks.execution.api.dto.NotebookLibraries;
import org.brickworks.execution.api.dto.TableResult;
import org.brickworks.execution.api.dto.TextResult;
import org.brickworks.secrets.api.Redaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Command Execution API over a stand-in agent: languages from the registry, platform languages, installs. */
class ClusterCommandExecutionTest {
    private static final String FINISHED_TEXT = "{\"id\":\"cmd1\",\"status\":\"Finished\",\"results\":"
            + "{\"resultType\":\"text\",\"data\":\"res0: Int = 2\"}}";

    @TempDir
    Path data;

    private FakeAgent agent;
    private final TestChannels channels = new TestChannels();
    private CellLanguages languages;
    private ClusterCommandExecution commands;

    @BeforeEach
    void start() throws Exception {
        agent = new FakeAgent();
        channels.with(agent.channel("c1"));
        languages = CellLanguagesTest.builtIn(new DriverState(() -> channels));
        NotebookLibraries tiny = new NotebookLibraries(List.of(), List.of(Path.of("/cache/tiny")), "Installed tiny");
        NotebookLibraryResolver pip = (language, command) -> command.startsWith("%pip install bad") ? failing()
                : command.startsWith("%pip install") ? Optional.of(tiny) : Optional.empty();
        commands = new ClusterCommandExecution(languages, () -> channels, List.of(pip), user -> null);
    }

    private static Optional<NotebookLibraries> failing() {
        throw BrickworksException.invalidParameter("pip could not find bad");
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    @Test
    void aShortCommandCostsOneRequestAndCountsAsActivity() {
        agent.answer("POST", "/contexts", 200, "{\"id\":\"ctx1\"}").answer("POST", "/commands", 200, FINISHED_TEXT);

        String context = commands.createContext("c1", "scala", Map.of("day", "1"));
        String command = commands.execute("c1", context, "scala", "1 + 1", Map.of());

        assertThat(commands.status("c1", context, command, 0))
                .isEqualTo(new CommandStatus("cmd1", CommandState.FINISHED, TextResult.of("res0: Int = 2")));
        assertThat(agent.requests).extracting(FakeAgent.Request::path).containsExactly("/contexts", "/commands");
        assertThat(agent.last("POST", "/contexts").body()).isEqualTo("{\"language\":\"scala\",\"parameters\":"
                + "{\"day\":\"1\"}}");
        assertThat(channels.touched).containsExactly("c1", "c1", "c1");
    }

    @Test
    void aContextKeepsItsUserWhoseSecretsItsResultsHide() {
        List<String> redactedFor = new ArrayList<>();
        ClusterCommandExecution redacting = new ClusterCommandExecution(languages, () -> channels, List.of(),
                user -> {
                    redactedFor.add(user);
                    return new Redaction(Set.of("sup3r"));
                });
        agent.answer("POST", "/contexts", 200, "{\"id\":\"ctx1\"}").answer("POST", "/commands", 200,
                "{\"id\":\"cmd1\",\"status\":\"Running\"}").answer("GET", "/commands/cmd1", 200,
                        "{\"id\":\"cmd1\",\"status\":\"Finished\",\"results\":{\"resultType\":\"table\","
                                + "\"schema\":[{\"name\":\"v\",\"type\":\"\\\"string\\\"\",\"metadata\":\"{}\"}],"
                                + "\"data\":[[\"is sup3r\"],[null]],\"truncated\":false}}");

        String context = redacting.createContext("c1", "python", Map.of(), "ada");
        String command = redacting.execute("c1", context, "python", "spark.sql(...)", Map.of());
        CommandStatus status = redacting.status("c1", context, command, 0);

        assertThat(((TableResult) status.result()).data()).containsExactly(List.of("is [REDACTED]"),
                Arrays.asList((Object) null));
        assertThat(redactedFor).containsExactly("ada");
        assertThat(agent.last("POST", "/contexts").body()).contains("\"user\":\"ada\"");
        assertThat(agent.requests).extracting(FakeAgent.Request::path).contains("/commands/cmd1?wait_ms=0"
                + "&context_id=ctx1");
        assertThat(redacting.contextUser("c1", context)).contains("ada");

        // A new instance (after an update) asks the driver whose context it is.
        agent.answer("GET", "/contexts/ctx1", 200,
                "{\"id\":\"ctx1\",\"status\":\"Running\",\"language\":\"python\",\"user\":\"bob\"}");
        assertThat(commands.contextUser("c1", "ctx1")).contains("bob");
        assertThat(agent.requests).extracting(FakeAgent.Request::path).endsWith("/contexts/ctx1");
    }

    @Test
    void aLanguageThatIsNotInstalledIsRefusedNamingTheInstalledOnes() {
        assertThatThrownBy(() -> commands.execute("c1", "ctx1", "sh", "ls", Map.of())).isInstanceOfSatisfying(
                BrickworksException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
                    assertThat(e.getMessage()).contains("sh", "fs, python, r, scala, sql");
                });
        assertThatThrownBy(() -> commands.execute("c1", "ctx1", "sql", " ", Map.of()))
                .hasMessage("Missing required field: command");
        assertThatThrownBy(() -> commands.status("c1", "ctx1", "../x", 0)).isInstanceOfSatisfying(
                BrickworksException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
        assertThatThrownBy(() -> commands.createContext("c9", "sql", Map.of())).isInstanceOfSatisfying(
                BrickworksException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_STATE));
        assertThat(agent.requests).isEmpty();
    }

    @Test
    void aPlatformLanguageRunsHereAndItsResultStays() {
        CellLanguage upper = new CellLanguage() {
            @Override
            public String description() {
                return "Upper case";
            }

            @Override
            public Placement placement() {
                return Placement.PLATFORM;
            }

            @Override
            public CommandResult run(String command, Map<String, String> parameters) {
                if (command.equals("fail")) {
                    throw new IllegalStateException("cannot");
                }
                return new HtmlResult(command.toUpperCase() + parameters.get("x"));
            }
        };
        languages.bindLanguage(upper, Map.of(CellLanguage.NAME_PROPERTY, "upper"));

        String id = commands.execute("c1", "ctx1", "upper", "hi", Map.of("x", "!"));
        String failed = commands.execute("c1", "ctx1", "upper", "fail", Map.of());
        commands.cancel("c1", "ctx1", id);

        CommandStatus expected = new CommandStatus(id, CommandState.FINISHED, new HtmlResult("HI!"));
        assertThat(commands.status("c1", "ctx1", id, 0)).isEqualTo(expected);
        assertThat(commands.status("c1", "ctx1", id, 0)).isEqualTo(expected);
        assertThat(commands.status("c1", "ctx1", failed, 0).result()).isEqualTo(new ErrorResult("cannot", ""));
        assertThat(agent.requests).isEmpty();
        assertThatThrownBy(() -> commands.createContext("c1", "upper", Map.of()))
                .hasMessageContaining("runs on the platform");
    }

    @Test
    void aNotebookScopedInstallBecomesTheContextsInstallCommandOrItsFailure() {
        agent.answer("POST", "/contexts/ctx1/libraries", 200, "{\"id\":\"cmd9\"}");

        assertThat(commands.execute("c1", "ctx1", "python", "%pip install tiny", Map.of())).isEqualTo("cmd9");
        assertThat(agent.last("POST", "/contexts/ctx1/libraries").body())
                .isEqualTo("{\"jars\":[],\"pythonPaths\":[\"/cache/tiny\"],\"summary\":\"Installed tiny\"}");

        commands.execute("c1", "ctx1", "python", "%pip install bad", Map.of());
        assertThat(agent.last("POST", "/contexts/ctx1/libraries").body())
                .isEqualTo("{\"jars\":[],\"pythonPaths\":[],\"failure\":\"pip could not find bad\"}");
    }
}
