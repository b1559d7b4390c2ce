package org.brickworks.libraries.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.libraries.api.ResolutionListener;
import org.brickworks.libraries.api.dto.MavenRequest;
import org.brickworks.libraries.api.dto.ResolvedArtifact;
import org.brickworks.libraries.api.dto.ResolvedClosure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachedMavenResolverTest {
    private static final String COMMONS_TEXT = "org.apache.commons:commons-text:1.12.0";

    @TempDir
    Path cache;
    @TempDir
    Path remote;

    private final Downloads downloads = new Downloads();
    private CachedMavenResolver resolver;

    @AfterEach
    void close() {
        if (resolver != null) {
            resolver.close();
        }
    }

    @Test
    void resolvesCommonsTextWithCommonsLang3FromMavenCentral() {
        ResolvedClosure closure = start(TestResolverConfig.central(cache)).resolve(MavenRequest.of(COMMONS_TEXT),
                downloads);

        assertThat(closure.artifacts()).extracting(ResolvedArtifact::coordinates).containsExactly(
                "org.apache.commons:commons-text:jar:1.12.0", "org.apache.commons:commons-lang3:jar:3.14.0");
        assertThat(closure.artifacts()).extracting(ResolvedArtifact::sha1).containsExactly(
                "66aa90dc099701c4d3b14bd256c328f592ccf0d6", "1ed471194b02f2c6cb734a0cd6f6f107c673afae");
        assertThat(closure.files()).allMatch(file -> file.startsWith(cache) && Files.isRegularFile(file));
        assertThat(closure.files().get(0).getFileName()).hasToString("commons-text-1.12.0.jar");
        assertThat(downloads.finished).anyMatch(url -> url.endsWith("commons-text-1.12.0.jar"))
                .anyMatch(url -> url.endsWith("commons-lang3-3.14.0.jar"));
    }

    @Test
    void defaultCacheIsUnderTheDataDirectory() throws IOException {
        FileRepository repository = new FileRepository(remote).publish("test:app:1.0", "app");
        resolver = new CachedMavenResolver(cache,
                new TestResolverConfig("", "", repository.url(), 5, 30));

        ResolvedClosure closure = resolver.resolve(MavenRequest.of("test:app:1.0"));

        assertThat(closure.files()).containsExactly(cache.resolve("cache/maven/test/app/1.0/app-1.0.jar"));
    }

    @Test
    void unknownArtifactIsResourceDoesNotExistNamingIt() {
        assertThatThrownBy(() -> start(TestResolverConfig.central(cache))
                .resolve(MavenRequest.of("org.brickworks.nowhere:no-such-artifact:1.0")))
                .isInstanceOfSatisfying(BrickworksException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST))
                .hasMessageContaining("org.brickworks.nowhere:no-such-artifact")
                .hasMessageContaining("central");
    }

    @Test
    void unknownVersionIsResourceDoesNotExist() {
        assertThatThrownBy(() -> start(TestResolverConfig.central(cache))
                .resolve(MavenRequest.of("org.apache.commons:commons-text:0.0.404")))
                .isInstanceOfSatisfying(BrickworksException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST))
                .hasMessageContaining("commons-text").hasMessageContaining("0.0.404");
    }

    @Test
    void unreachableRepositoryIsTemporarilyUnavailable() throws IOException {
        assertThatThrownBy(
                () -> start(TestResolverConfig.remote(cache, closedPortUrl())).resolve(MavenRequest.of(COMMONS_TEXT)))
                .isInstanceOfSatisfying(BrickworksException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TEMPORARILY_UNAVAILABLE))
                .hasMessageContaining("commons-text").hasMessageContaining("127.0.0.1");
    }

    @Test
    void resolvesTransitivelyFromAFileRepository() throws IOException {
        FileRepository repository = new FileRepository(remote).publish("test:app:1.0", "app", "test:lib:2.0")
                .publish("test:lib:2.0", "lib");

        ResolvedClosure closure = start(TestResolverConfig.remote(cache, repository.url()))
                .resolve(MavenRequest.of("test:app:1.0"), downloads);

        assertThat(closure.artifacts()).extracting(ResolvedArtifact::coordinates).containsExactly("test:app:jar:1.0",
                "test:lib:jar:2.0");
        assertThat(Files.readString(closure.files().get(1))).isEqualTo("lib");
        assertThat(closure.artifacts().get(1).sha1()).isEqualTo(Sha1.of(repository.jar("test:lib:2.0")));
        assertThat(downloads.started).hasSameSizeAs(downloads.finished).isNotEmpty();
    }

    @Test
    void nearestVersionWins() throws IOException {
        FileRepository repository = new FileRepository(remote)
                .publish("test:app:1.0", "app", "test:middle:1.0", "test:lib:1.0")
                .publish("test:middle:1.0", "middle", "test:lib:2.0").publish("test:lib:1.0", "lib 1")
                .publish("test:lib:2.0", "lib 2");

        ResolvedClosure closure = start(TestResolverConfig.remote(cache, repository.url()))
                .resolve(MavenRequest.of("test:app:1.0"));

        assertThat(closure.artifacts()).extracting(ResolvedArtifact::coordinates).containsExactly("test:app:jar:1.0",
                "test:middle:jar:1.0", "test:lib:jar:1.0");
    }

    @Test
    void exclusionsLeaveArtifactsOutOfTheClosure() throws IOException {
        FileRepository repository = new FileRepository(remote).publish("test:app:1.0", "app", "test:lib:1.0")
                .publish("test:lib:1.0", "lib");

        ResolvedClosure closure = start(TestResolverConfig.remote(cache, repository.url()))
                .resolve(new MavenRequest(List.of("test:app:1.0"), List.of("test:lib"), List.of()));

        assertThat(closure.artifacts()).extracting(ResolvedArtifact::coordinates).containsExactly("test:app:jar:1.0");
    }

    @Test
    void extraRepositoriesAreSearchedAfterCentral() throws IOException {
        FileRepository repository = new FileRepository(remote).publish("test:app:1.0", "app");

        ResolvedClosure closure = start(
                TestResolverConfig.remote(cache, new FileRepository(cache.resolve("empty")).url()))
                .resolve(new MavenRequest(List.of("test:app:1.0"), List.of(), List.of(repository.url())));

        assertThat(closure.artifacts()).extracting(ResolvedArtifact::coordinates).containsExactly("test:app:jar:1.0");
    }

    @Test
    void corruptedChecksumFailsAndCachesNothing() throws IOException {
        FileRepository repository = new FileRepository(remote).publish("test:app:1.0", "app", "test:lib:1.0")
                .publish("test:lib:1.0", "lib").corruptChecksum("test:lib:1.0");

        assertThatThrownBy(() -> start(TestResolverConfig.remote(cache, repository.url()))
                .resolve(MavenRequest.of("test:app:1.0")))
                .isInstanceOfSatisfying(BrickworksException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TEMPORARILY_UNAVAILABLE))
                .hasMessageContaining("test:lib").hasMessageContaining("Checksum");
        assertThat(cache.resolve("test/lib/1.0/lib-1.0.jar")).doesNotExist();
    }

    @Test
    void failedResolutionLeavesNoFileOfItInTheCache() throws IOException {
        FileRepository repository = new FileRepository(remote).publish("test:app:1.0", "app", "test:lib:1.0")
                .publish("test:lib:1.0", "lib").corruptChecksum("test:lib:1.0");

        assertThatThrownBy(() -> start(TestResolverConfig.remote(cache, repository.url()))
                .resolve(MavenRequest.of("test:app:1.0"))).isInstanceOf(BrickworksException.class);
        assertThatThrownBy(() -> resolver.resolve(MavenRequest.of("test:missing:1.0")))
                .isInstanceOf(BrickworksException.class);

        // Not even the POMs and jars that did verify: the resolution as a whole failed.
        try (Stream<Path> files = Files.walk(cache)) {
            assertThat(files.filter(Files::isRegularFile).filter(f -> f.toString().contains("/test/")))
                    .isEmpty();
        }
    }

    @Test
    void mirrorStandsInForEveryRepository() throws IOException {
        FileRepository mirror = new FileRepository(remote).publish("test:app:1.0", "app");

        ResolvedClosure closure = start(TestResolverConfig.remote(cache, closedPortUrl()).withMirror(mirror.url()))
                .resolve(new MavenRequest(List.of("test:app:1.0"), List.of(), List.of(closedPortUrl())));

        assertThat(closure.artifacts()).extracting(ResolvedArtifact::coordinates).containsExactly("test:app:jar:1.0");
    }

    @Test
    void configuredRepositoriesAreSearchedAfterCentral() throws IOException {
        FileRepository company = new FileRepository(remote).publish("test:app:1.0", "app");

        ResolvedClosure closure = start(TestResolverConfig
                .remote(cache, new FileRepository(cache.resolve("empty")).url())
                .withRepositories("company=" + company.url())).resolve(MavenRequest.of("test:app:1.0"));

        assertThat(closure.files()).containsExactly(cache.resolve("test/app/1.0/app-1.0.jar"));
    }

    @Test
    void aKnownClosureWhoseFileWentMissingIsResolvedAgain() throws IOException {
        new FileRepository(remote).publish("test:app:1.0", "app", "test:lib:1.0").publish("test:lib:1.0", "lib");
        CachedMavenResolver started = start(TestResolverConfig.remote(cache, new FileRepository(remote).url()));
        ResolvedClosure first = started.resolve(MavenRequest.of("test:app:1.0"));
        Files.delete(cache.resolve("test/lib/1.0/lib-1.0.jar"));

        ResolvedClosure again = started.resolve(MavenRequest.of("test:app:1.0"), downloads);

        assertThat(again).isEqualTo(first);
        assertThat(cache.resolve("test/lib/1.0/lib-1.0.jar")).exists();
        assertThat(downloads.started).anyMatch(url -> url.endsWith("lib-1.0.jar"));
    }

    @Test
    void secondResolveNeedsNoNetwork() throws IOException {
        ResolvedClosure first = start(TestResolverConfig.central(cache)).resolve(MavenRequest.of(COMMONS_TEXT));
        resolver.close();

        Downloads again = new Downloads();
        ResolvedClosure second = start(TestResolverConfig.remote(cache, closedPortUrl()))
                .resolve(MavenRequest.of(COMMONS_TEXT), again);

        assertThat(second).isEqualTo(first);
        assertThat(again.started).isEmpty();
    }

    @Test
    void userRepositoryIsReadAndNeverWritten() throws IOException {
        FileRepository user = new FileRepository(remote).publish("test:app:1.0", "app", "test:lib:1.0")
                .publish("test:lib:1.0", "lib");

        ResolvedClosure closure = start(TestResolverConfig.remote(cache, closedPortUrl()).withUserRepository(remote))
                .resolve(MavenRequest.of("test:app:1.0"), downloads);

        assertThat(closure.files()).containsExactly(user.jar("test:app:1.0"), user.jar("test:lib:1.0"));
        assertThat(downloads.started).isEmpty();
    }

    @Test
    void malformedInputIsInvalidParameterValue() {
        CachedMavenResolver started = start(TestResolverConfig.central(cache));
        for (MavenRequest bad : List.of(MavenRequest.of("commons-text"), MavenRequest.of(),
                new MavenRequest(List.of(COMMONS_TEXT), List.of("org.apache.commons"), List.of()),
                new MavenRequest(List.of(COMMONS_TEXT), List.of(), List.of("ftp://example.org/repo")))) {
            assertThatThrownBy(() -> started.resolve(bad)).isInstanceOfSatisfying(BrickworksException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
        }
    }

    private CachedMavenResolver start(TestResolverConfig config) {
        resolver = new CachedMavenResolver(cache.resolve("data"), config);
        return resolver;
    }

    /** A URL on a loopback port nothing listens on: connections are refused at once. */
    private static String closedPortUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/maven2/";
        }
    }

    private static final class Downloads implements ResolutionListener {
        final Queue<String> started = new ConcurrentLinkedQueue<>();
        final Queue<String> finished = new ConcurrentLinkedQueue<>();

        @Override
        public void downloadStarted(String url, long size) {
            started.add(url);
        }

        @Override
        public void downloadFinished(String url, long size) {
            finished.add(url);
        }
    }
}
