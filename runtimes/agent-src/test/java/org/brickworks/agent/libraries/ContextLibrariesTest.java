package org.brickworks.agent.libraries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.lang3.StringUtils;
import org.brickworks.agent.DriverAgent;
import org.brickworks.agent.dbutils.NotebookUtils;
import org.brickworks.agent.languages.scala.ReplBridge;
import org.brickworks.agent.testing.TestJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextLibrariesTest {
    @TempDir
    Path dir;

    private final ClusterLibraries cluster = new ClusterLibraries(getClass().getClassLoader(), jar -> {
    });
    private final ContextLibraries first = new ContextLibraries("first", cluster);
    private final ContextLibraries second = new ContextLibraries("second", cluster);

    @Test
    void eachContextSeesItsOwnVersionOverTheClustersAndTheClusterLibraryOtherwise() throws Exception {
        cluster.add(List.of(TestJars.greeter(Files.createDirectories(dir.resolve("c")), "cluster ")), List.of());

        assertThat(first.add(List.of(TestJars.greeter(Files.createDirectories(dir.resolve("a")), "first ")),
                List.of())).isEqualTo(1);

        assertThat(greet(first.classLoader())).isEqualTo("first x");
        assertThat(greet(second.classLoader())).isEqualTo("cluster x");
        assertThat(first.classLoader().getParent()).isSameAs(cluster.classLoader());
        assertThat(first.jars()).hasSize(2).first().matches(jar -> jar.startsWith(dir.resolve("a")));
    }

    @Test
    void aLibraryJarWinsOverTheRuntimesCopyButNeverForSharedPackages() throws Exception {
        Path runtimeLang3 = Path.of(StringUtils.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path runtimeScala = Path.of(scala.Option.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path lang3 = Files.copy(runtimeLang3, dir.resolve("commons-lang3-library.jar"));
        Path scalaCopy = Files.copy(runtimeScala, dir.resolve("fat-library.jar"));

        first.add(List.of(lang3, scalaCopy), List.of());

        Class<?> own = first.classLoader().loadClass(StringUtils.class.getName());
        assertThat(own).isNotSameAs(StringUtils.class);
        assertThat(own.getProtectionDomain().getCodeSource().getLocation().getPath())
                .endsWith("commons-lang3-library.jar");
        assertThat(second.classLoader().loadClass(StringUtils.class.getName())).isSameAs(StringUtils.class);
        assertThat(first.classLoader().loadClass("scala.Option")).isSameAs(scala.Option.class);
        assertThat(first.classLoader().getResource("org/apache/commons/lang3/StringUtils.class").getPath())
                .contains("commons-lang3-library.jar");
    }

    @Test
    void onlyTheReplSeesTheAgentsOwnClasses() throws Exception {
        assertThat(first.replParent().loadClass(ReplBridge.class.getName())).isSameAs(ReplBridge.class);
        assertThat(first.replParent().loadClass(NotebookUtils.class.getName())).isSameAs(NotebookUtils.class);
        assertThat(first.replParent().loadClass(StringUtils.class.getName())).isSameAs(StringUtils.class);
        assertThatThrownBy(() -> first.classLoader().loadClass(ReplBridge.class.getName()))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> cluster.classLoader().loadClass(DriverAgent.class.getName()))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void pythonPathsAreTheContextsThenTheClustersIncludingLaterClusterInstalls() throws Exception {
        Path own = Files.createDirectories(dir.resolve("own"));
        Path shared = Files.createDirectories(dir.resolve("shared"));
        first.add(List.of(), List.of(own));

        cluster.add(List.of(), List.of(shared));

        assertThat(first.pythonPaths()).containsExactly(own, shared);
        assertThat(second.pythonPaths()).containsExactly(shared);
        assertThatThrownBy(() -> first.add(List.of(dir.resolve("none.jar")), List.of(shared)))
                .hasMessageContaining("none.jar");
        assertThat(first.jars()).isEmpty();
    }

    private static Object greet(ClassLoader loader) throws Exception {
        Method greet = loader.loadClass("bw.test.Greeter").getMethod("greet", String.class);
        return greet.invoke(null, "x");
    }
}
