package org.brickworks.agent.dbfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;

import org.brickworks.agent.protocol.Mount;
import org.brickworks.agent.protocol.MountTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The mount table the platform pushed to this driver ({@code PUT /mounts}): the driver's {@link DbfsFileSystem}s
 * serve {@code dbfs:/mnt/...} from it, and it is copied, owner-only, to a file that the driver's executors in other
 * JVMs on this host read when it changed ({@link MountTableFile}). One per driver JVM: Hadoop creates file systems by
 * class name, so they find it through {@link #installed()}. Thread-safe.
 */
public final class DriverMountTable implements MountSource {

    private static final Logger LOG = LoggerFactory.getLogger(DriverMountTable.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile DriverMountTable installed;

    private final Path copy;
    private volatile MountTable table = new MountTable(Long.MIN_VALUE, List.of());

    /** A table that is not this JVM's yet ({@link #install} makes it so). */
    DriverMountTable(Path copy) {
        this.copy = copy.toAbsolutePath();
    }

    /**
     * Makes this JVM a driver whose mount table is pushed, copied to {@code copy} for executors (the file is deleted
     * when the JVM exits: it holds credentials).
     */
    public static DriverMountTable install(Path copy) {
        DriverMountTable driver = new DriverMountTable(copy);
        installed = driver;
        driver.copy.toFile().deleteOnExit();
        return driver;
    }

    /** The driver's table, null when this JVM is no driver (an executor's). */
    static DriverMountTable installed() {
        return installed;
    }

    /** The file the driver's executors read. */
    public Path copy() {
        return copy;
    }

    @Override
    public MountTable table() {
        return table;
    }

    /**
     * Serves {@code pushed} from now on, unless the table is newer already; the executors' copy is written (whole,
     * atomically) first, so a failure changes nothing.
     *
     * @return the table served now
     */
    public synchronized MountTable accept(MountTable pushed) throws IOException {
        if (pushed.version() <= table.version()) {
            LOG.info("Mount table version {} ignored: version {} is served", pushed.version(), table.version());
            return table;
        }
        Path partial = Files.createTempFile(copy.getParent(), copy.getFileName().toString(), ".part",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(partial, JSON.writeValueAsBytes(pushed));
            Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        table = pushed;
        LOG.info("Mount table version {}: {}", pushed.version(),
                pushed.mounts().stream().map(Mount::mountPoint).collect(Collectors.joining(", ")));
        return table;
    }
}
