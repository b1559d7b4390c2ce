package org.brickworks.agent.dbutils;

/**
 * One entry of {@code dbutils.fs.ls}, as Databricks shows it: {@code path} and {@code name} of a directory end with
 * {@code /}, {@code size} is 0 for directories, {@code modificationTime} is epoch milliseconds.
 */
public final class FileInfo {

    private final String path;
    private final String name;
    private final long size;
    private final long modificationTime;

    FileInfo(String path, String name, long size, long modificationTime) {
        this.path = path;
        this.name = name;
        this.size = size;
        this.modificationTime = modificationTime;
    }

    public String path() {
        return path;
    }

    public String name() {
        return name;
    }

    public long size() {
        return size;
    }

    public long modificationTime() {
        return modificationTime;
    }

    public boolean isDir() {
        return name.endsWith("/");
    }

    public boolean isFile() {
        return !isDir();
    }

    @Override
    public String toString() {
        return "FileInfo(path='" + path + "', name='" + name + "', size=" + size + ", modificationTime="
                + modificationTime + ")";
    }
}
