package org.brickworks.execution.api.dto;

import java.util.Map;

/**
 * A DBFS mount as drivers serve it.
 *
 * @param source
 *            e.g. {@code wasbs://container@account.blob.core.windows.net/folder}
 * @param mountPoint
 *            {@code /mnt/<name>}
 * @param extraConfigs
 *            the source's credentials and settings (Hadoop configuration keys): secrets
 */
public record DriverMount(String source, String mountPoint, Map<String, String> extraConfigs) {
    public DriverMount {
        extraConfigs = Map.copyOf(extraConfigs);
    }

    /** Never prints the extra configs: they hold credentials. */
    @Override
    public String toString() {
        return "DriverMount[" + mountPoint + " -> " + source + ", extraConfigs=" + extraConfigs.keySet() + "]";
    }
}
