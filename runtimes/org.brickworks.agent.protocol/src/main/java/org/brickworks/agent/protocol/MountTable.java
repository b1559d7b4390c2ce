package org.brickworks.agent.protocol;

import java.util.List;

/**
 * The platform's whole mount table, pushed to a driver when it starts and whenever a mount changes; the driver serves
 * {@code dbfs:/mnt/...} from the latest table it got.
 *
 * @param version
 *            grows with every change: a driver ignores a table older than the one it has
 */
public record MountTable(long version, List<Mount> mounts) {
    public MountTable {
        mounts = List.copyOf(mounts);
    }
}
