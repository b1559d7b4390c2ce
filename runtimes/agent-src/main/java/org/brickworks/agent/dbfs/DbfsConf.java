package org.brickworks.agent.dbfs;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Spark conf the agent sets for {@code dbfs:/} on the driver and its executors: its file system for the
 * {@code dbfs} scheme (also for {@code FileContext}, which Delta's log store uses) and the file of the driver's mount
 * table copy. Only classes and paths: the credentials of mounts never go into the Spark conf, which the Spark UI and
 * event logs show. The platform gives the local root
 * ({@link org.brickworks.agent.protocol.AgentLaunch#DBFS_ROOT_CONF}).
 */
public final class DbfsConf {

    /** How Spark conf keys name Hadoop configuration keys. */
    static final String HADOOP_PREFIX = "spark.hadoop.";

    private DbfsConf() {
    }

    /** The conf, with {@code mountsCopy} as the file executors read the mount table from. */
    public static Map<String, String> sparkConf(Path mountsCopy) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put(HADOOP_PREFIX + "fs.dbfs.impl", DbfsFileSystem.class.getName());
        conf.put(HADOOP_PREFIX + "fs.AbstractFileSystem.dbfs.impl", DbfsAbstractFileSystem.class.getName());
        conf.put(HADOOP_PREFIX + DbfsFileSystem.MOUNTS, mountsCopy.toAbsolutePath().toString());
        return conf;
    }
}
