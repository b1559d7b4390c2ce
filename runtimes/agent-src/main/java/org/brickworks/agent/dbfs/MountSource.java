package org.brickworks.agent.dbfs;

import java.io.IOException;

import org.brickworks.agent.protocol.Mount;
import org.brickworks.agent.protocol.MountTable;

/**
 * Where a {@link DbfsFileSystem} finds the mount table: in the driver the one the platform pushed
 * ({@link DriverMountTable}), in an executor of another JVM the driver's copy ({@link MountTableFile}).
 */
interface MountSource {

    /** The newest table there is. */
    MountTable table() throws IOException;

    /** The mount {@code dbfsPath} (normalised, absolute) lies in, or null. */
    default Mount find(String dbfsPath) throws IOException {
        for (Mount mount : table().mounts()) {
            if (dbfsPath.equals(mount.mountPoint()) || dbfsPath.startsWith(mount.mountPoint() + "/")) {
                return mount;
            }
        }
        return null;
    }
}
