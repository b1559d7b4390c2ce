package org.brickworks.agent.dbfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.brickworks.agent.protocol.Mount;
import org.brickworks.agent.protocol.MountTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file system as an executor in its own JVM runs it: the mounts come from the driver's copy of its table, written
 * here by a {@link DriverMountTable} that is not this JVM's (the driver's own file systems read the pushed table).
 */
class DbfsFileSystemTest {
    @TempDir
    Path temp;
    private Path root;
    private DriverMountTable driver;
    private FileSystem dbfs;

    @BeforeEach
    void start() throws IOException {
        root = Files.createDirectories(temp.resolve("dbfs"));
        driver = new DriverMountTable(temp.resolve("dbfs-mounts.json"));
        Configuration conf = new Configuration(false);
        DbfsConf.sparkConf(driver.copy()).forEach((key, value) -> conf.set(key.substring("spark.hadoop.".length()),
                value));
        conf.set("fs.dbfs.impl.disable.cache", "true");
        conf.set(DbfsFileSystem.ROOT, root.toString());
        conf.set(DbfsFileSystem.MOUNTS_RECHECK, "0");
        dbfs = FileSystem.get(java.net.URI.create("dbfs:/"), conf);
    }

    @AfterEach
    void stop() throws IOException {
        dbfs.close();
    }

    private static org.apache.hadoop.fs.Path p(String path) {
        return new org.apache.hadoop.fs.Path(path);
    }

    private void write(String path, String text) throws IOException {
        try (FSDataOutputStream out = dbfs.create(p(path), true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void theRootsKeyIsTheOneThePlatformSets() {
        assertThat("spark.hadoop." + DbfsFileSystem.ROOT).isEqualTo("spark.hadoop.fs.dbfs.root");
    }

    @Test
    void localPathsAreFilesUnderTheRootAndListAsDbfsPaths() throws IOException {
        write("dbfs:/data/a.csv", "a,b\n");
        assertThat(root.resolve("data/a.csv")).hasContent("a,b");
        FileStatus[] listed = dbfs.listStatus(p("dbfs:/data"));
        assertThat(Arrays.stream(listed).map(s -> s.getPath().toString())).containsExactly("dbfs:/data/a.csv");
        assertThat(dbfs.getFileStatus(p("/data")).getPath().toString()).isEqualTo("dbfs:/data");
        assertThat(dbfs.rename(p("/data/a.csv"), p("/data/b.csv"))).isTrue();
        assertThat(root.resolve("data/b.csv")).exists();
        assertThat(dbfs.delete(p("dbfs:/data"), true)).isTrue();
        assertThat(root.resolve("data")).doesNotExist();
    }

    @Test
    void pathsLeavingTheRootAreRefusedOrStayInside() throws IOException {
        write("dbfs:/../../escape.txt", "x");
        assertThat(root.resolve("escape.txt")).exists();
        assertThat(temp.resolve("escape.txt")).doesNotExist();
        assertThatThrownBy(() -> dbfs.open(p("file:/etc/passwd"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTableTheDriverTakesWhileRunningIsSeenAndServedByItsSourceFileSystem() throws IOException {
        Path container = Files.createDirectories(temp.resolve("container"));
        assertThat(dbfs.exists(p("dbfs:/mnt/raw/x.txt"))).isFalse();

        driver.accept(new MountTable(1, List.of(new Mount(container.toUri().toString(), "/mnt/raw",
                Map.of("some.key", "secret")))));

        write("dbfs:/mnt/raw/x.txt", "mounted");
        assertThat(container.resolve("x.txt")).hasContent("mounted");
        assertThat(root.resolve("mnt")).doesNotExist();
        assertThat(Arrays.stream(dbfs.listStatus(p("dbfs:/mnt/raw"))).map(s -> s.getPath().toString()))
                .containsExactly("dbfs:/mnt/raw/x.txt");
        assertThat(Arrays.stream(dbfs.listStatus(p("dbfs:/mnt"))).map(s -> s.getPath().toString()))
                .containsExactly("dbfs:/mnt/raw");
        assertThat(dbfs.rename(p("/mnt/raw/x.txt"), p("/local.txt"))).isFalse();
    }

    @Test
    void theDriverKeepsTheNewestTableInAnOwnerOnlyCopy() throws IOException {
        Mount raw = new Mount("file:/tmp/raw", "/mnt/raw", Map.of("k", "v"));

        MountTable taken = driver.accept(new MountTable(7, List.of(raw)));
        MountTable older = driver.accept(new MountTable(6, List.of()));

        assertThat(taken.mounts()).containsExactly(raw);
        assertThat(older.version()).isEqualTo(7);
        assertThat(driver.table().mounts()).containsExactly(raw);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(driver.copy())))
                .isEqualTo("rw-------");
        assertThat(new MountTableFile(driver.copy(), 0).table()).isEqualTo(taken);
        assertThat(temp.toFile().list()).containsExactlyInAnyOrder("dbfs", "dbfs-mounts.json");
    }

    @Test
    void withoutRootTheFileSystemSaysWhatIsMissing() {
        Configuration conf = new Configuration(false);
        DbfsFileSystem fs = new DbfsFileSystem();
        assertThatThrownBy(() -> fs.initialize(java.net.URI.create("dbfs:/"), conf)).isInstanceOf(IOException.class)
                .hasMessageContaining(DbfsFileSystem.ROOT);
    }
}
