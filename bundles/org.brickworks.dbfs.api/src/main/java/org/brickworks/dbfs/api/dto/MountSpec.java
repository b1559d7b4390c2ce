package org.brickworks.dbfs.api.dto;

import java.util.Map;

/**
 * What {@code dbutils.fs.mount} takes: the source URI, the mount point ({@code /mnt/<name>}) and the backend's
 * settings, credentials among them ({@code extraConfigs}, e.g.
 * {@code fs.azure.account.key.<account>.blob.core.windows.net}). {@link #toString()} never shows the settings'
 * values, so a spec can be logged.
 */
public record MountSpec(String source, String mountPoint, Map<String, String> extraConfigs) {
    public MountSpec {
        extraConfigs = Map.copyOf(extraConfigs == null ? Map.of() : extraConfigs);
    }

    @Override
    public String toString() {
        return "MountSpec[source=" + source + ", mountPoint=" + mountPoint + ", extraConfigs=" + extraConfigs.keySet()
                + "]";
    }
}
