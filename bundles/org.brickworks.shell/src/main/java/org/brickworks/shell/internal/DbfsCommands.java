package org.brickworks.shell.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.dbfs.api.DbfsService;
import org.brickworks.dbfs.api.dto.FileInfo;
import org.brickworks.dbfs.api.dto.MountSpec;
import org.osgi.service.component.annotations.Component;

/**
 * DBFS: {@code bw:fs-ls}, {@code bw:fs-put}, {@code bw:fs-get}, {@code bw:fs-rm}, {@code bw:fs-mkdirs},
 * {@code bw:fs-mount}, {@code bw:fs-unmount}, {@code bw:fs-mounts}. Local files are files on the platform's host.
 */
@Component
public class DbfsCommands extends CommandGroup {
    @Descriptor("List a DBFS directory (or show one file)")
    public String fsLs(@Descriptor("DBFS path, e.g. dbfs:/data (default /)") String... path) {
        if (path.length > 1) {
            throw BrickworksException.invalidParameter("fs-ls takes one path, got " + path.length);
        }
        Table table = new Table("PATH", "SIZE", "MODIFIED");
        for (FileInfo info : dbfsService().list(path.length > 0 ? path[0] : "/")) {
            table.row(info.path() + (info.isDir() ? "/" : ""), info.isDir() ? "-" : info.fileSize(),
                    info.modificationTime() == 0 ? "-" : Instant.ofEpochMilli(info.modificationTime()));
        }
        return table.toString();
    }

    @Descriptor("Upload a file of the platform's host to DBFS")
    public String fsPut(
            @Descriptor("replace an existing file") @Parameter(names = { "-o", "--overwrite" },
                    presentValue = "true", absentValue = "false") boolean overwrite,
            @Descriptor("local file") String local, @Descriptor("DBFS path of the file") String path)
            throws IOException {
        Path file = Path.of(local);
        if (!Files.isRegularFile(file)) {
            throw BrickworksException.invalidParameter("No local file " + local);
        }
        try (InputStream in = Files.newInputStream(file)) {
            dbfsService().put(path, in, overwrite);
        }
        return "Uploaded " + Files.size(file) + " bytes to " + dbfsService().getStatus(path).path();
    }

    @Descriptor("Download a DBFS file to a file of the platform's host")
    public String fsGet(
            @Descriptor("replace an existing local file") @Parameter(names = { "-o", "--overwrite" },
                    presentValue = "true", absentValue = "false") boolean overwrite,
            @Descriptor("DBFS path of the file") String path, @Descriptor("local file") String local)
            throws IOException {
        Path file = Path.of(local).toAbsolutePath();
        if (Files.exists(file) && !overwrite) {
            throw new BrickworksException(ErrorCode.RESOURCE_ALREADY_EXISTS,
                    "Local file " + local + " exists; use --overwrite to replace it");
        }
        Path part = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".part");
        try (InputStream in = dbfsService().open(path)) {
            long bytes = Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return "Downloaded " + bytes + " bytes to " + file;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    @Descriptor("Delete a DBFS file, or a directory with -r")
    public String fsRm(
            @Descriptor("delete a directory with its contents") @Parameter(names = { "-r", "--recursive" },
                    presentValue = "true", absentValue = "false") boolean recursive,
            @Descriptor("DBFS path") String path) {
        dbfsService().delete(path, recursive);
        return "Deleted " + path;
    }

    @Descriptor("Create a DBFS directory and its parents")
    public String fsMkdirs(@Descriptor("DBFS path") String path) {
        dbfsService().mkdirs(path);
        return "Created " + path;
    }

    @Descriptor("Mount storage at /mnt/<name>, e.g. wasbs://container@account.blob.core.windows.net/prefix")
    public String fsMount(@Descriptor("source URI") String source,
            @Descriptor("mount point, /mnt/<name>") String mountPoint,
            @Descriptor("settings as key=value, e.g. fs.azure.account.key.<account>.blob.core.windows.net=<key>") String... settings) {
        Map<String, String> extraConfigs = new LinkedHashMap<>();
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            if (equals <= 0) {
                throw BrickworksException.invalidParameter("A setting is key=value, got one without '='");
            }
            extraConfigs.put(setting.substring(0, equals), setting.substring(equals + 1));
        }
        dbfsService().mount(new MountSpec(source, mountPoint, extraConfigs));
        return "Mounted " + source + " at " + mountPoint;
    }

    @Descriptor("Unmount /mnt/<name>")
    public String fsUnmount(@Descriptor("mount point") String mountPoint) {
        dbfsService().unmount(mountPoint);
        return "Unmounted " + mountPoint;
    }

    @Descriptor("List the mounts (never their credentials)")
    public String fsMounts() {
        Table table = new Table("MOUNT POINT", "SOURCE");
        dbfsService().mounts().forEach(mount -> table.row(mount.mountPoint(), mount.source()));
        return table.toString();
    }

    private DbfsService dbfsService() {
        return service(DbfsService.class, "dbfs");
    }
}
