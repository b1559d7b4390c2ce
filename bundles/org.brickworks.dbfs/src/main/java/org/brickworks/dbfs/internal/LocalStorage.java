package org.brickworks.dbfs.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.dbfs.api.Storage;
import org.brickworks.dbfs.api.dto.FileInfo;

/**
 * DBFS's default storage: a directory on this host. Every path is checked to stay inside the root once symbolic links
 * are followed. Uploads go to a staging directory beside the root (same file system), are forced to the disk and
 * renamed into place atomically, so a half-written file is never visible under the root and a visible one survives a
 * crash.
 */
final class LocalStorage implements Storage {
    private final Path root;
    private final Path staging;

    LocalStorage(Path root) throws IOException {
        this.root = Files.createDirectories(root).toRealPath();
        this.staging = Files.createDirectories(this.root.resolveSibling(this.root.getFileName() + ".uploads"));
    }

    Path root() {
        return root;
    }

    /** The host path of {@code relative}, refused when it (or its deepest existing ancestor) leads out of the root. */
    Path resolve(String relative) throws IOException {
        Path path = relative.isEmpty() ? root : root.resolve(relative).normalize();
        Path existing = path;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        Path real;
        try {
            real = existing == null ? null : existing.toRealPath();
        } catch (NoSuchFileException e) {
            real = null; // a dangling symbolic link: refused like any link out of the root
        }
        if (!path.startsWith(root) || real == null || !real.startsWith(root)) {
            throw BrickworksException.invalidParameter(
                    "Invalid path /" + relative + ": it leads out of DBFS through a symbolic link");
        }
        return path;
    }

    @Override
    public Optional<FileInfo> status(String relative) throws IOException {
        Path path = resolve(relative);
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        return Optional.of(info(relative, Files.readAttributes(path, BasicFileAttributes.class)));
    }

    @Override
    public List<FileInfo> list(String relative) throws IOException {
        Path directory = resolve(relative);
        List<FileInfo> entries = new ArrayList<>();
        try (Stream<Path> children = Files.list(directory)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                String name = child.getFileName().toString();
                BasicFileAttributes attributes = Files.readAttributes(child, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                entries.add(info(relative.isEmpty() ? name : relative + "/" + name, attributes));
            }
        }
        return entries;
    }

    private static FileInfo info(String relative, BasicFileAttributes attributes) {
        return new FileInfo(relative, attributes.isDirectory(), attributes.isDirectory() ? 0 : attributes.size(),
                attributes.lastModifiedTime().toMillis());
    }

    @Override
    public Upload create(String relative) throws IOException {
        Path target = resolve(relative);
        Path temporary = staging.resolve(UUID.randomUUID() + ".part");
        FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new Upload() {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }

            /** Durable before visible: the data reaches the disk, then the rename, then the directory's entry. */
            @Override
            public void commit() throws IOException {
                channel.force(true);
                channel.close();
                Path parent = Files.createDirectories(resolve(relative).getParent());
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                try (FileChannel directory = FileChannel.open(parent, StandardOpenOption.READ)) {
                    directory.force(true);
                }
            }

            @Override
            public void abort() {
                try {
                    channel.close();
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    temporary.toFile().delete();
                }
            }
        };
    }

    @Override
    public InputStream open(String relative, long offset) throws IOException {
        FileChannel channel = FileChannel.open(resolve(relative), StandardOpenOption.READ);
        channel.position(offset);
        return Channels.newInputStream(channel);
    }

    @Override
    public void mkdirs(String relative) throws IOException {
        Files.createDirectories(resolve(relative));
    }

    @Override
    public void delete(String relative) throws IOException {
        Path path = resolve(relative);
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(path);
            return;
        }
        // The walk does not follow links: a link inside is removed, never what it points to.
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public void move(String source, String destination) throws IOException {
        Files.move(resolve(source), resolve(destination), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Drops uploads a previous run left unfinished. */
    void clearStaging() throws IOException {
        try (Stream<Path> parts = Files.list(staging)) {
            for (Path part : (Iterable<Path>) parts::iterator) {
                Files.deleteIfExists(part);
            }
        }
    }

    @Override
    public void close() {
        // nothing held open between calls
    }
}
