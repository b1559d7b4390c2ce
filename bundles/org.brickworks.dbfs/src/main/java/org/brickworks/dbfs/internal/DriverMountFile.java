package org.brickworks.dbfs.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.brickworks.dbfs.api.dto.MountSpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The mount table drivers read ({@link org.brickworks.dbfs.api.dto.DriverAccess}): rewritten whole on every change,
 * created owner-only (0600) under a temporary name and renamed into place, so a driver never reads half a table and
 * nobody else reads the credentials in it.
 */
final class DriverMountFile {
    private final Path file;
    private final ObjectMapper json = new ObjectMapper();

    DriverMountFile(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    synchronized void write(List<MountSpec> mounts) {
        ObjectNode table = json.createObjectNode();
        ArrayNode list = table.putArray("mounts");
        for (MountSpec spec : mounts) {
            ObjectNode mount = list.addObject().put("mount_point", spec.mountPoint()).put("source", spec.source());
            ObjectNode settings = mount.putObject("extra_configs");
            spec.extraConfigs().forEach(settings::put);
        }
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(temporary);
            Files.createFile(temporary,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(temporary, json.writeValueAsBytes(table));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the drivers' mount table " + file, e);
        }
    }
}
