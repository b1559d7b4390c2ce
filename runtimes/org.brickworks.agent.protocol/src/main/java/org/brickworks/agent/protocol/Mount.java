package org.brickworks.agent.protocol;

import java.util.Map;

/**
 * One mount of the platform's mount table, as {@code dbutils.fs.mount} takes it; also the body of
 * {@link PlatformPaths#MOUNT}.
 *
 * @param source
 *            e.g. {@code wasbs://container@account.blob.core.windows.net/folder}
 * @param mountPoint
 *            {@code /mnt/<name>}
 * @param extraConfigs
 *            the credentials and settings of the source (Hadoop configuration keys); secrets
 */
public record Mount(String source, String mountPoint, Map<String, String> extraConfigs) {
    public Mount {
        extraConfigs = extraConfigs == null ? Map.of() : Map.copyOf(extraConfigs);
    }

    /** Never prints the extra configs: they hold credentials. */
    @Override
    public String toString() {
        return "Mount[" + mountPoint + " -> " + source + ", extraConfigs=" + extraConfigs.keySet() + "]";
    }
}
