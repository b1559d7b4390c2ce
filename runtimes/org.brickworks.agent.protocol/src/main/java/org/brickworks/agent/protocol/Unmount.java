package org.brickworks.agent.protocol;

/** {@link PlatformPaths#UNMOUNT}: {@code dbutils.fs.unmount(mountPoint)}. */
public record Unmount(String mountPoint) {
}
