package org.brickworks.dbfs.api.dto;

/**
 * A mount as anyone may see it: its mount point ({@code /mnt/raw}) and its source
 * ({@code wasbs://container@account.blob.core.windows.net/prefix}). Never carries credentials.
 */
public record MountInfo(String mountPoint, String source) {
}
