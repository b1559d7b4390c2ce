package org.brickworks.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorePasswordTest {
    @TempDir
    Path folder;

    @Test
    void theEnvironmentWinsOverTheFileAndTheConfiguration() throws Exception {
        assertThat(StorePassword.of(config("plain", secretFile("from-file")), "from-env")).isEqualTo("from-env");
    }

    @Test
    void anOwnerOnlyFileWinsOverThePasswordInTheConfiguration() throws Exception {
        assertThat(StorePassword.of(config("plain", secretFile("from-file")), null)).isEqualTo("from-file");
        assertThat(StorePassword.of(config("plain", ""), null)).isEqualTo("plain");
    }

    @Test
    void aFileOthersMayReadIsRefused() throws Exception {
        Path file = Path.of(secretFile("from-file"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> StorePassword.of(config("", file.toString()), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("chmod 600");
    }

    private String secretFile(String password) throws Exception {
        Path file = Files.createFile(folder.resolve("store.password"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, password + "\n");
        return file.toString();
    }

    private static StoreConfig config(String password, String passwordFile) {
        return new StoreConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return StoreConfig.class;
            }

            @Override
            public String url() {
                return "";
            }

            @Override
            public String user() {
                return "";
            }

            @Override
            public String password() {
                return password;
            }

            @Override
            public String passwordFile() {
                return passwordFile;
            }

            @Override
            public int maxConnections() {
                return 4;
            }

            @Override
            public int maxLifetimeSeconds() {
                return 1800;
            }

            @Override
            public int connectionTimeoutSeconds() {
                return 30;
            }
        };
    }
}
