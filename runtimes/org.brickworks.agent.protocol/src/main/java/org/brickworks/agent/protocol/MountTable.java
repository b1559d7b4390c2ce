package org.brickworks.agent.protocol;

import java.util.List;

/**
 * The platform's whole mount table, pushed to a driver when it starts and whenever a mount changes; the driver serves
 * {@code dbfs:/mnt/...} from the latest table it got.
 *
 * @param version
 *            grows with every change, across platform restarts too (a driver keeps its table while the platform is
 *            away): a driver ignores a table that is not newer than the one it has
 */
public record MountTable(long version, List<Mount> mounts) {
    public MountTable {
        mounts = List.copyOf(mounts);
    }
}
