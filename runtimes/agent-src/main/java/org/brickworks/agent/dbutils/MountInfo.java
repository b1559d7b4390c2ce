package org.brickworks.agent.dbutils;

/** One entry of {@code dbutils.fs.mounts()}: where DBFS shows a storage location, and that location. */
public final class MountInfo {

    private final String mountPoint;
    private final String source;

    MountInfo(String mountPoint, String source) {
        this.mountPoint = mountPoint;
        this.source = source;
    }

    public String mountPoint() {
        return mountPoint;
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "MountInfo(mountPoint='" + mountPoint + "', source='" + source + "')";
    }
}
