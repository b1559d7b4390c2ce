package org.brickworks.dbfs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.dbfs.api.DbfsService;
import org.brickworks.dbfs.api.dto.FileInfo;
import org.brickworks.dbfs.api.dto.MountInfo;
import org.brickworks.dbfs.api.dto.MountSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbfsNamespaceTest {
    @TempDir
    Path temp;
    private Path root;
    private DbfsNamespace dbfs;
    private final ReadCursors cursors = new ReadCursors(Duration.ofSeconds(30), 8, System::nanoTime);
    private final List<MountSpec> records = new ArrayList<>();
    private final AtomicReference<List<MountSpec>> driverTable = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        root = temp.resolve("dbfs");
        LocalStorage local = new LocalStorage(root);
        MountTable mounts = new MountTable(new MountTable.Records() {
            @Override
            public List<MountSpec> load() {
                return List.copyOf(records);
            }

            @Override
            public void insert(MountSpec spec) {
                records.add(spec);
            }

            @Override
            public void delete(String mountPoint) {
                records.removeIf(spec -> spec.mountPoint().equals(mountPoint));
            }
        }, driverTable::set);
        // A second directory mounted through the same extension point as Azure: scheme dir:, path = the directory.
        mounts.addBackend("dir", (source, settings) -> {
            try {
                return new LocalStorage(Path.of(source.getPath()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        mounts.load();
        dbfs = new DbfsNamespace(local, mounts, new UploadHandles(Duration.ofMinutes(1), System::nanoTime), cursors);
    }

    @Test
    void sequentialReadsGoOnFromOneStreamAndAWriteThroughDbfsEndsIt() {
        dbfs.put("/seq.txt", text("0123456789"), false);
        assertThat(dbfs.read("/seq.txt", 0, 4)).asString(StandardCharsets.UTF_8).isEqualTo("0123");
        assertThat(cursors.size()).isEqualTo(1);
        assertThat(dbfs.read("/seq.txt", 4, 4)).asString(StandardCharsets.UTF_8).isEqualTo("4567");
        dbfs.put("/seq.txt", text("abcdefghijklmnop"), true);
        assertThat(cursors.size()).isZero();
        // The new version, its new size: not the old stream, not the old length.
        assertThat(dbfs.read("/seq.txt", 8, 100)).asString(StandardCharsets.UTF_8).isEqualTo("ijklmnop");
        assertThat(cursors.size()).as("closed at the end of the file").isZero();
        assertThat(dbfs.read("/seq.txt", 0, 2)).asString(StandardCharsets.UTF_8).isEqualTo("ab");
        assertThat(dbfs.read("/seq.txt", 5, 2)).as("a jump elsewhere opens afresh").asString(StandardCharsets.UTF_8)
                .isEqualTo("fg");
        dbfs.delete("/seq.txt", false);
        assertCode(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> dbfs.read("/seq.txt", 7, 2));
    }

    private static InputStream text(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertCode(ErrorCode code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(BrickworksException.class,
                e -> assertThat(e.errorCode()).isEqualTo(code));
    }

    @Test
    void putWritesUnderTheRootAndReadReturnsSlices() throws IOException {
        dbfs.put("dbfs:/data/a.csv", text("hello world"), false);
        assertThat(root.resolve("data/a.csv")).hasContent("hello world");
        assertThat(new String(dbfs.read("/data/a.csv", 6, 100), StandardCharsets.UTF_8)).isEqualTo("world");
        assertThat(dbfs.read("/data/a.csv", 50, 10)).isEmpty();
        assertThat(dbfs.getStatus("/data/a.csv")).extracting(FileInfo::path, FileInfo::isDir, FileInfo::fileSize)
                .containsExactly("/data/a.csv", false, 11L);
    }

    @Test
    void putRefusesAnExistingFileWithoutOverwrite() {
        dbfs.put("/a", text("1"), false);
        assertCode(ErrorCode.RESOURCE_ALREADY_EXISTS, () -> dbfs.put("/a", text("2"), false));
        dbfs.put("/a", text("2"), true);
        assertThat(dbfs.read("/a", 0, 10)).containsExactly('2');
        dbfs.mkdirs("/d");
        assertCode(ErrorCode.RESOURCE_ALREADY_EXISTS, () -> dbfs.put("/d", text("x"), true));
    }

    @Test
    void aFailedUploadLeavesNothingVisible() throws IOException {
        InputStream failing = new InputStream() {
            private int left = 200_000;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (left <= 0) {
                    throw new IOException("client went away");
                }
                int n = Math.min(left, length);
                java.util.Arrays.fill(buffer, offset, offset + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
        assertCode(ErrorCode.INTERNAL_ERROR, () -> dbfs.put("/big.bin", failing, false));
        assertCode(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> dbfs.getStatus("/big.bin"));
        assertThat(root.resolveSibling("dbfs.uploads")).isEmptyDirectory();
    }

    @Test
    void streamingUploadAppearsOnlyAtClose() {
        long handle = dbfs.create("/s/file.txt", false);
        dbfs.addBlock(handle, "abc".getBytes(StandardCharsets.UTF_8));
        dbfs.addBlock(handle, "def".getBytes(StandardCharsets.UTF_8));
        assertCode(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> dbfs.getStatus("/s/file.txt"));
        assertCode(ErrorCode.MAX_BLOCK_SIZE_EXCEEDED,
                () -> dbfs.addBlock(handle, new byte[DbfsService.MAX_BLOCK_BYTES + 1]));
        dbfs.close(handle);
        assertThat(dbfs.read("/s/file.txt", 0, 100)).asString(StandardCharsets.UTF_8).isEqualTo("abcdef");
        assertCode(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> dbfs.close(handle));
    }

    @Test
    void readChecksItsLimitsAndTheKindOfPath() {
        dbfs.put("/f", text("x"), false);
        assertCode(ErrorCode.MAX_READ_SIZE_EXCEEDED, () -> dbfs.read("/f", 0, DbfsService.MAX_BLOCK_BYTES + 1));
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, () -> dbfs.read("/f", -1, 1));
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, () -> dbfs.read("/", 0, 1));
        assertCode(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> dbfs.read("/missing", 0, 1));
    }

    @Test
    void listMkdirsDeleteAndMove() {
        dbfs.mkdirs("/x/y/z");
        dbfs.put("/x/f", text("f"), false);
        assertThat(dbfs.list("/x")).extracting(FileInfo::path).containsExactly("/x/f", "/x/y");
        assertThat(dbfs.list("/x/f")).extracting(FileInfo::path).containsExactly("/x/f");
        assertCode(ErrorCode.RESOURCE_ALREADY_EXISTS, () -> dbfs.mkdirs("/x/f/g"));
        assertCode(ErrorCode.IO_ERROR, () -> dbfs.delete("/x/y", false));
        dbfs.move("/x", "/moved/x");
        assertCode(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> dbfs.list("/x"));
        assertCode(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> dbfs.move("/x", "/elsewhere"));
        dbfs.put("/other", text("o"), false);
        assertCode(ErrorCode.RESOURCE_ALREADY_EXISTS, () -> dbfs.move("/other", "/moved/x/f"));
        dbfs.delete("/moved", true);
        dbfs.delete("/never-was", false);
        assertThat(dbfs.list("/")).extracting(FileInfo::path).containsExactly("/other");
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, () -> dbfs.delete("/", true));
    }

    @Test
    void symbolicLinksOutOfTheRootAreRefused() throws IOException {
        Path outside = Files.writeString(temp.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("link"), outside);
        Files.createSymbolicLink(root.resolve("dirlink"), temp);
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, () -> dbfs.read("/link", 0, 10));
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, () -> dbfs.read("/dirlink/secret.txt", 0, 10));
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, () -> dbfs.put("/dirlink/new.txt", text("x"), false));
        assertThat(temp.resolve("new.txt")).doesNotExist();
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, () -> dbfs.delete("/dirlink", true));
        assertThat(outside).hasContent("secret");
    }

    @Test
    void mountsMapMntPathsToTheirStorageAndReachTheDriverTable() throws IOException {
        Path container = Files.createDirectories(temp.resolve("container"));
        dbfs.mount(new MountSpec("dir://" + container, "/mnt/raw", Map.of("key", "s3cr3t")));
        dbfs.put("/mnt/raw/a/b.txt", text("mounted"), false);
        assertThat(container.resolve("a/b.txt")).hasContent("mounted");
        assertThat(dbfs.list("/mnt")).extracting(FileInfo::path, FileInfo::isDir).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/mnt/raw", true));
        assertThat(dbfs.list("/mnt/raw/a")).extracting(FileInfo::path).containsExactly("/mnt/raw/a/b.txt");
        assertThat(dbfs.mounts()).containsExactly(new MountInfo("/mnt/raw", "dir://" + container));
        assertThat(dbfs.mounts().toString()).doesNotContain("s3cr3t");
        assertThat(driverTable.get()).singleElement().satisfies(
                spec -> assertThat(spec.extraConfigs()).containsEntry("key", "s3cr3t"));

        dbfs.move("/mnt/raw/a/b.txt", "/local/b.txt");
        assertThat(root.resolve("local/b.txt")).hasContent("mounted");
        assertThat(container.resolve("a/b.txt")).doesNotExist();

        assertCode(ErrorCode.RESOURCE_ALREADY_EXISTS, () -> dbfs.mount(new MountSpec("dir://" + temp, "/mnt/raw",
                Map.of())));
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, () -> dbfs.delete("/mnt/raw", true));
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, () -> dbfs.mount(new MountSpec("dir://" + temp, "/data",
                Map.of())));
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, () -> dbfs.mount(new MountSpec("nope://x", "/mnt/n",
                Map.of())));
        dbfs.unmount("/mnt/raw");
        assertThat(dbfs.mounts()).isEmpty();
        assertThat(records).isEmpty();
        assertThat(driverTable.get()).isEmpty();
        assertCode(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> dbfs.unmount("/mnt/raw"));
    }
}
