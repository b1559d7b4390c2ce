package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.inject.Inject;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.libraries.api.MavenResolver;
import org.brickworks.libraries.api.ResolutionListener;
import org.brickworks.libraries.api.dto.MavenRequest;
import org.brickworks.libraries.api.dto.ResolvedArtifact;
import org.brickworks.libraries.api.dto.ResolvedClosure;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;

/**
 * Apache Maven Resolver, embedded in the libraries bundle, resolving from Maven Central inside Equinox: HTTPS, POM
 * parsing, checksums and the cache under the data directory all work with only the bundle's imports.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MavenResolverIT extends PlatformTestSupport {
    /** A user repository that does not exist, so the resolver must download (the build's own ~/.m2 may hold it). */
    private static final String NO_USER_REPOSITORY = "/nonexistent/brickworks-it/.m2/repository";

    @Inject
    @Filter(value = "(userRepository=" + NO_USER_REPOSITORY + ")", timeout = 60_000)
    private MavenResolver resolver;

    @Configuration
    @Override
    public Option[] config() {
        return new Option[] { PlatformOptions.platform(
                Map.of("org.brickworks.libraries.maven.cfg", "userRepository=" + NO_USER_REPOSITORY + "\n")) };
    }

    @Test
    public void resolvesCommonsTextFromMavenCentralIntoTheDataDirectory() {
        Downloads downloads = new Downloads();
        ResolvedClosure closure = resolver.resolve(MavenRequest.of("org.apache.commons:commons-text:1.12.0"),
                downloads);

        assertEquals(
                List.of("org.apache.commons:commons-text:jar:1.12.0", "org.apache.commons:commons-lang3:jar:3.14.0"),
                closure.artifacts().stream().map(ResolvedArtifact::coordinates).toList());
        assertEquals(List.of("66aa90dc099701c4d3b14bd256c328f592ccf0d6", "1ed471194b02f2c6cb734a0cd6f6f107c673afae"),
                closure.artifacts().stream().map(ResolvedArtifact::sha1).toList());
        Path cache = dataDirectory().resolve("cache/maven");
        for (Path file : closure.files()) {
            assertTrue(file + " is in the cache", file.startsWith(cache) && Files.isRegularFile(file));
        }
        assertTrue("downloads reported: " + downloads.finished,
                downloads.finished.stream().anyMatch(url -> url.startsWith("https://")
                        && url.endsWith("commons-text-1.12.0.jar")));

        Downloads again = new Downloads();
        assertEquals(closure, resolver.resolve(MavenRequest.of("org.apache.commons:commons-text:1.12.0"), again));
        assertTrue("a cached closure downloads nothing: " + again.started, again.started.isEmpty());
    }

    @Test
    public void unknownArtifactIsReportedAsMissing() {
        try {
            resolver.resolve(MavenRequest.of("org.brickworks.nowhere:no-such-artifact:1.0"));
            fail("resolved an artifact that does not exist");
        } catch (BrickworksException e) {
            assertEquals(ErrorCode.RESOURCE_DOES_NOT_EXIST, e.errorCode());
            assertTrue(e.getMessage(), e.getMessage().contains("no-such-artifact"));
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
