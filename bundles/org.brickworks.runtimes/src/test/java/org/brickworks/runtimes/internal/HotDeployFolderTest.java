package org.brickworks.runtimes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HotDeployFolderTest {
    @TempDir
    Path home;

    @Test
    void findsTheFileOfABundleFileInstallInstalledFromTheFolder() {
        Path jar = home.resolve("plugins/org.example.runtime.jar");
        HotDeployFolder folder = new HotDeployFolder(home.resolve("plugins"));
        assertThat(folder.fileOf(jar.toUri().toString())).contains(jar);
        assertThat(folder.fileOf("reference:" + jar.toUri())).contains(jar);
    }

    @Test
    void ignoresBundlesFromElsewhere() {
        HotDeployFolder folder = new HotDeployFolder(home.resolve("plugins"));
        assertThat(folder.fileOf(home.resolve("system/plugins/a.jar").toUri().toString())).isEmpty();
        assertThat(folder.fileOf(home.resolve("plugins/sub/a.jar").toUri().toString())).isEmpty();
        assertThat(folder.fileOf("reference:file:plugins/a.jar")).isEqualTo(Optional.empty());
        assertThat(folder.fileOf("mvn:org.example/runtime/1.0.0")).isEmpty();
        assertThat(folder.fileOf("System Bundle")).isEmpty();
    }
}
