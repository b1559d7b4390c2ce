package org.brickworks.agent.dbfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbfsFileSystemTest {
    @TempDir
    Path temp;
    private Path root;
    private Path mounts;
    private FileSystem dbfs;

    @BeforeEach
    void start() throws IOException {
        root = Files.createDirectories(temp.resolve("dbfs"));
        mounts = temp.resolve("dbfs-mounts.json");
        Configuration conf = new Configuration(false);
        conf.set("fs.dbfs.impl", DbfsFileSystem.class.getName());
        conf.set("fs.dbfs.impl.disable.cache", "true");
        conf.set(DbfsFileSystem.ROOT, root.toString());
        conf.set(DbfsFileSystem.MOUNTS, mounts.toString());
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
    void aMountWrittenWhileRunningIsSeenAndServedByItsSourceFileSystem() throws IOException {
        Path container = Files.createDirectories(temp.resolve("container"));
        assertThat(dbfs.exists(p("dbfs:/mnt/raw/x.txt"))).isFalse();
        Files.writeString(mounts, "{\"mounts\":[{\"mount_point\":\"/mnt/raw\",\"source\":\"" + container.toUri()
                + "\",\"extra_configs\":{\"some.key\":\"secret\"}}]}");
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
    void withoutRootTheFileSystemSaysWhatIsMissing() {
        Configuration conf = new Configuration(false);
        DbfsFileSystem fs = new DbfsFileSystem();
        assertThatThrownBy(() -> fs.initialize(java.net.URI.create("dbfs:/"), conf)).isInstanceOf(IOException.class)
                .hasMessageContaining(DbfsFileSystem.ROOT);
    }
}
