package org.brickworks.dbfs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.brickworks.dbfs.api.dto.MountSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriverMountFileTest {
    @TempDir
    Path temp;

    @Test
    void writesTheTableOwnerOnly() throws Exception {
        DriverMountFile file = new DriverMountFile(temp.resolve("dbfs-mounts.json"));
        file.write(List.of(new MountSpec("wasbs://c@a.blob.core.windows.net/p", "/mnt/c", Map.of("k", "v"))));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.file()))).isEqualTo("rw-------");
        assertThat(Files.readString(file.file())).isEqualTo("{\"mounts\":[{\"mount_point\":\"/mnt/c\",\"source\":"
                + "\"wasbs://c@a.blob.core.windows.net/p\",\"extra_configs\":{\"k\":\"v\"}}]}");
        file.write(List.of());
        assertThat(Files.readString(file.file())).isEqualTo("{\"mounts\":[]}");
    }
}
