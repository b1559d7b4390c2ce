package org.brickworks.dbfs.api.dto;

import java.nio.file.Path;

/**
 * How a driver on this host reaches DBFS without the platform in the data path: the local root directory (the
 * default backend; {@code dbfs:/x} is {@code <localRoot>/x}) and the mount table file, which the service rewrites
 * atomically (owner-only, 0600) on every mount change. Its format: a JSON object
 * {@code {"mounts":[{"mount_point":"/mnt/x","source":"wasbs://...","extra_configs":{...}}]}} whose
 * {@code extra_configs} hold the credentials: drivers read it, nobody logs it.
 */
public record DriverAccess(Path localRoot, Path mountTable) {
}
