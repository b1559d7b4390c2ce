package org.brickworks.agent.languages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.brickworks.agent.protocol.CellCommand;
import org.brickworks.agent.protocol.CellInterpreter;
import org.brickworks.agent.protocol.CellSession;
import org.brickworks.agent.protocol.TextResult;
import org.brickworks.agent.testing.TestJars;
import org.brickworks.agent.testing.TestLanguages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLanguagesTest {

    @TempDir
    Path dir;

    private final PluginLanguages plugins = new PluginLanguages(getClass().getClassLoader());

    private record Session(String contextId, Path workingDirectory) implements CellSession {
    }

    @Test
    void aPluginSeesTheProtocolAndTheJdkOnlyAndRunsWithItsOwnLoader() throws Exception {
        plugins.replace(List.of(TestLanguages.echo(dir, "echo")), Set.of("sql"));

        try (CellInterpreter echo = PluginInterpreter.start(plugins.find("echo"), new Session("c1", dir))) {
            assertThat(echo.execute(new CellCommand("1", "isolation", 10, Map.of())))
                    .isEqualTo(TextResult.of("spark=false agent=false jackson=false protocol=true tccl=true"));
            assertThat(echo.execute(new CellCommand("2", "whoami", 10, Map.of())))
                    .isEqualTo(TextResult.of("c1 " + dir));
        }
        assertThat(dir.resolve("echo-closed")).exists();
    }

    @Test
    void aNewListKeepsTheJarsItStillNamesAndReportsTheLanguagesThatWent() throws Exception {
        Path echo = TestLanguages.echo(dir, "echo");
        Path shell = TestLanguages.shell(dir);
        plugins.replace(List.of(echo), Set.of());
        PluginLanguages.Plugin before = plugins.find("echo");

        Set<String> none = plugins.replace(List.of(shell, echo), Set.of());
        Set<String> echoGone = plugins.replace(List.of(shell), Set.of());

        assertThat(none).isEmpty();
        assertThat(echoGone).containsExactly("echo");
        assertThat(plugins.names()).containsExactly("sh");
        assertThat(plugins.find("echo")).isNull();
        assertThat(before.loader()).isNotSameAs(plugins.find("sh").loader());
    }

    @Test
    void aJarThatCannotServeIsRefusedAndChangesNothing() throws Exception {
        Path echo = TestLanguages.echo(dir, "echo");
        Path otherEcho = TestLanguages.echo(dir, "again");
        Path noLanguage = TestJars.greeter(Files.createDirectories(dir.resolve("lib")), "hi ");
        plugins.replace(List.of(echo), Set.of());

        assertThatThrownBy(() -> plugins.replace(List.of(dir.resolve("none.jar")), Set.of()))
                .hasMessageContaining("none.jar is not a readable file");
        assertThatThrownBy(() -> plugins.replace(List.of(noLanguage), Set.of()))
                .hasMessageContaining("greeter.jar lists no org.brickworks.agent.protocol.CellInterpreterFactory");
        assertThatThrownBy(() -> plugins.replace(List.of(echo, otherEcho), Set.of()))
                .hasMessageContaining("adds echo, which the driver runs already");
        assertThatThrownBy(() -> plugins.replace(List.of(echo), Set.of("echo")))
                .hasMessageContaining("adds echo, which the driver runs already");
        assertThat(plugins.names()).containsExactly("echo");
    }
}
