package org.brickworks.execution.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.execution.api.CellLanguage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Constants;

class CellLanguagesTest {
    @TempDir
    Path data;

    /** The built-in languages, registered as the execution bundle registers them. */
    static CellLanguages builtIn(DriverState drivers) {
        CellLanguages languages = new CellLanguages(drivers);
        long id = 1;
        for (CellLanguage language : List.of(new SqlLanguage(), new ScalaLanguage(), new PythonLanguage(),
                new RLanguage(), new FsLanguage())) {
            String name = language.getClass().getSimpleName().replace("Language", "").toLowerCase();
            languages.bindLanguage(language, Map.of(CellLanguage.NAME_PROPERTY, name, Constants.SERVICE_ID, id++));
        }
        return languages;
    }

    @Test
    void anUnknownLanguageIsRefusedNamingTheInstalledOnes() {
        CellLanguages languages = builtIn(new DriverState(() -> null));

        assertThat(languages.languages().keySet()).containsExactly("fs", "python", "r", "scala", "sql");
        assertThatThrownBy(() -> languages.require("cobol")).isInstanceOfSatisfying(BrickworksException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
            assertThat(e.getMessage()).isEqualTo("Language cobol is not installed; installed languages: fs, python, r,"
                    + " scala, sql");
        });
    }

    @Test
    void aBadContributorIsIgnoredAndTheHighestRankedOfANameWins() {
        CellLanguages languages = builtIn(new DriverState(() -> null));
        CellLanguage low = () -> "low";
        CellLanguage high = () -> "high";

        languages.bindLanguage(() -> "nameless", Map.of());
        languages.bindLanguage(() -> "bad", Map.of(CellLanguage.NAME_PROPERTY, "Bad Name"));
        languages.bindLanguage(low, Map.of(CellLanguage.NAME_PROPERTY, "sh", Constants.SERVICE_ID, 10L));
        languages.bindLanguage(high, Map.of(CellLanguage.NAME_PROPERTY, "sh", Constants.SERVICE_ID, 11L,
                Constants.SERVICE_RANKING, 5));

        assertThat(languages.languages()).hasSize(6).containsEntry("sh", high);
        languages.unbindLanguage(high, Map.of(CellLanguage.NAME_PROPERTY, "sh"));
        assertThat(languages.require("sh")).isSameAs(low);
    }

    @Test
    void pluginLanguagesJarsGoToTheDriversOnEveryChange() throws Exception {
        try (FakeAgent agent = new FakeAgent()) {
            agent.answer("PUT", "/languages", 200, "{\"languages\":[\"sh\"]}");
            TestChannels channels = new TestChannels().with(agent.channel("c1"));
            CellLanguages languages = builtIn(new DriverState(() -> channels));
            assertThat(agent.requests).isEmpty();
            CellLanguage sh = new CellLanguage() {
                @Override
                public String description() {
                    return "Shell commands on the driver";
                }

                @Override
                public List<Path> driverJars() {
                    return List.of(Path.of("/plugins/sh.jar"));
                }
            };

            languages.bindLanguage(sh, Map.of(CellLanguage.NAME_PROPERTY, "sh"));
            assertThat(agent.last("PUT", "/languages").body()).isEqualTo("{\"jars\":[\"/plugins/sh.jar\"]}");
            languages.unbindLanguage(sh, Map.of(CellLanguage.NAME_PROPERTY, "sh"));
            assertThat(agent.last("PUT", "/languages").body()).isEqualTo("{\"jars\":[]}");
            assertThat(agent.requests).hasSize(2);
        }
    }
}
