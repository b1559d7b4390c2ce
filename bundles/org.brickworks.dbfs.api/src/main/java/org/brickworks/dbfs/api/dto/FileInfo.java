package org.brickworks.dbfs.api.dto;

/**
 * One file or directory: its absolute DBFS path ({@code /mnt/raw/a.csv}, never with a scheme or a trailing slash but
 * for the root {@code /}), whether it is a directory, its size in bytes (0 for a directory) and its last modification
 * in epoch milliseconds (0 where the backend has none, as for Azure's virtual directories).
 */
public record FileInfo(String path, boolean isDir, long fileSize, long modificationTime) {
}
