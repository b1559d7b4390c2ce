package org.brickworks.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.brickworks.libraries.api.dto.Library;
import org.brickworks.libraries.api.dto.MavenLibrary;
import org.brickworks.libraries.api.dto.PypiLibrary;
import org.junit.jupiter.api.Test;

class LibraryCommandsTest {

    @Test
    void parsesEveryKindOfLibrary() {
        assertThat(LibraryCommands.parse("mvn:org.apache.commons:commons-lang3:3.17.0", "", "a:b,c:d")).isEqualTo(
                new Library(new MavenLibrary("org.apache.commons:commons-lang3:3.17.0", null, List.of("a:b", "c:d")),
                        null, null, null));
        assertThat(LibraryCommands.parse("pypi:simplejson==3.19.2", "http://127.0.0.1:1/simple", "")).isEqualTo(
                new Library(null, new PypiLibrary("simplejson==3.19.2", "http://127.0.0.1:1/simple"), null, null));
        assertThat(LibraryCommands.parse("dbfs:/jars/udf.jar", "", "")).isEqualTo(Library.jar("dbfs:/jars/udf.jar"));
        assertThat(LibraryCommands.parse("dbfs:/w/a-1.0-py3-none-any.whl", "", ""))
                .isEqualTo(Library.whl("dbfs:/w/a-1.0-py3-none-any.whl"));
    }

    @Test
    void refusesAnUnknownKind() {
        assertThatThrownBy(() -> LibraryCommands.parse("/tmp/x.jar", "", "")).hasMessageContaining("mvn:");
    }

    @Test
    void printsSizesForPeople() {
        assertThat(LibraryCommands.size(2048)).isEqualTo("2.0 KB");
        assertThat(LibraryCommands.size(3 * 1024 * 1024)).isEqualTo("3.0 MB");
    }
}
