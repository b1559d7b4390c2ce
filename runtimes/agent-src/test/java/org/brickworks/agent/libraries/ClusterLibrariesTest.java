package org.brickworks.agent.libraries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.brickworks.agent.DriverAgent;
import org.brickworks.agent.testing.TestJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterLibrariesTest {
    @TempDir
    Path dir;

    private final List<String> sparkJars = new ArrayList<>();
    private final ClusterLibraries libraries = new ClusterLibraries(getClass().getClassLoader(), sparkJars::add);

    @Test
    void aJarAddedLaterIsLoadedThroughTheSameClassLoaderAndGivenToSparkOnce() throws Exception {
        ClassLoader loader = libraries.classLoader();
        assertThatThrownBy(() -> loader.loadClass("bw.test.Greeter")).isInstanceOf(ClassNotFoundException.class);
        Path jar = TestJars.greeter(dir, "hello ");

        libraries.add(List.of(jar), List.of());
        libraries.add(List.of(jar), List.of());

        Method greet = loader.loadClass("bw.test.Greeter").getMethod("greet", String.class);
        assertThat(greet.invoke(null, "x")).isEqualTo("hello x");
        assertThat(libraries.classLoader()).isSameAs(loader);
        assertThat(sparkJars).containsExactly(jar.toAbsolutePath().toString());
        assertThat(libraries.jars()).containsExactly(jar.toAbsolutePath());
    }

    @Test
    void librariesSeeSparkButNotTheAgent() throws Exception {
        ClassLoader loader = libraries.classLoader();

        assertThat(loader.loadClass("org.apache.spark.sql.SparkSession").getClassLoader())
                .isSameAs(getClass().getClassLoader());
        assertThatThrownBy(() -> loader.loadClass(DriverAgent.class.getName()))
                .isInstanceOf(ClassNotFoundException.class).hasMessageContaining("agent");
        assertThat(loader.getResource("org/brickworks/agent/DriverAgent.class")).isNull();
        assertThat(getClass().getClassLoader().getResource("org/brickworks/agent/DriverAgent.class")).isNotNull();
    }

    @Test
    void pythonPathsAreKeptInOrderWithoutDuplicates() throws Exception {
        Path first = Files.createDirectories(dir.resolve("a"));
        Path second = Files.createDirectories(dir.resolve("b"));

        libraries.add(List.of(), List.of(first, second));
        libraries.add(List.of(), List.of(first));

        assertThat(libraries.pythonPaths()).containsExactly(first, second);
    }

    @Test
    void nothingIsInstalledWhenOnePathIsUnusable() throws Exception {
        Path jar = TestJars.greeter(dir, "hi ");

        assertThatThrownBy(() -> libraries.add(List.of(jar, dir.resolve("missing.jar")), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.jar");
        assertThatThrownBy(() -> libraries.add(List.of(), List.of(jar))).hasMessageContaining("not a folder");

        assertThat(libraries.jars()).isEmpty();
        assertThat(sparkJars).isEmpty();
    }
}
