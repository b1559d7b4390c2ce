package org.brickworks.libraries.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.libraries.api.dto.Library;
import org.brickworks.libraries.api.dto.LibraryState;
import org.brickworks.libraries.api.dto.LibraryStatus;
import org.brickworks.libraries.internal.LibraryRecords.StoredLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryResolutionTest {
    @TempDir
    Path cache;

    @Test
    void databricksCoordinatesBecomeTheResolversWithTheClassifierBeforeTheVersion() {
        assertThat(LibraryResolution.resolverCoordinates("org.example:lib:1.0")).isEqualTo("org.example:lib:1.0");
        assertThat(LibraryResolution.resolverCoordinates(" org.example:lib:1.0:tests "))
                .isEqualTo("org.example:lib:jar:tests:1.0");
        for (String bad : List.of("", "org.example:lib", "org.example::1.0", "a:b:c:d:e")) {
            assertThatThrownBy(() -> LibraryResolution.resolverCoordinates(bad)).isInstanceOfSatisfying(
                    BrickworksException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
        }
    }

    @Test
    void dbfsLibrariesFailClearlyWhileThereIsNoDbfs() {
        LibraryResolution resolution = new LibraryResolution(null, cache, List.of(), null, cache.resolve("files"),
                () -> null);

        assertThatThrownBy(() -> resolution.resolve(Library.jar("dbfs:/jars/udf.jar")))
                .isInstanceOfSatisfying(BrickworksException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TEMPORARILY_UNAVAILABLE))
                .hasMessage("DBFS is not available: cannot read dbfs:/jars/udf.jar");
        assertThatThrownBy(() -> LibraryResolution.validate(Library.jar("/tmp/udf.jar")))
                .hasMessageContaining("dbfs:/");
        assertThatThrownBy(() -> LibraryResolution.validate(Library.whl("dbfs:/w/x.jar"))).hasMessageContaining(".whl");
    }

    @Test
    void aDbfsJarIsCopiedIntoTheCacheByContent() throws Exception {
        Path source = java.nio.file.Files.writeString(cache.resolve("udf.jar"), "jar bytes");
        LibraryResolution resolution = new LibraryResolution(null, cache, List.of(), null, cache.resolve("files"),
                () -> uri -> source);

        List<Path> jars = resolution.resolve(Library.jar("dbfs:/jars/udf.jar")).jars();

        assertThat(jars).singleElement().satisfies(jar -> {
            assertThat(jar.getFileName().toString()).isEqualTo("udf.jar");
            assertThat(jar.getParent().getFileName().toString()).isEqualTo(Digests.sha256(source));
        });
    }

    @Test
    void statusesListInstalledLibrariesInOrderThenThoseMarkedForUninstall() {
        LibraryStatuses statuses = new LibraryStatuses();
        Library a = Library.maven("g:a:1");
        Library b = Library.pypi("b");
        Library c = Library.maven("g:c:1");
        statuses.set("c1", b, LibraryState.FAILED, "no b");

        List<LibraryStatus> listed = statuses.of("c1", List.of(new StoredLibrary(a, true), new StoredLibrary(b, false),
                new StoredLibrary(c, false)));

        assertThat(listed).containsExactly(new LibraryStatus(b, LibraryState.FAILED, List.of("no b")),
                new LibraryStatus(c, LibraryState.PENDING, List.of()),
                new LibraryStatus(a, LibraryState.UNINSTALL_ON_RESTART, List.of()));
    }
}
