package org.brickworks.dbfs.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.brickworks.clusters.api.DriverConfigurer;
import org.brickworks.dbfs.api.DbfsService;
import org.brickworks.dbfs.api.dto.DriverAccess;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The Spark conf that makes {@code dbfs:/} work in every driver and its executors on this host: the agent's Hadoop
 * file system for the {@code dbfs} scheme (also for {@code FileContext}, which Delta's log store uses), the local root
 * and the mount table file. Only paths: the credentials stay in the owner-only mount table, never in the Spark conf
 * (which the Spark UI and event logs show).
 */
@Component
public class DbfsDriverConfigurer implements DriverConfigurer {
    static final String FILE_SYSTEM = "org.brickworks.agent.dbfs.DbfsFileSystem";
    static final String ABSTRACT_FILE_SYSTEM = "org.brickworks.agent.dbfs.DbfsAbstractFileSystem";

    private final DbfsService dbfs;

    @Activate
    public DbfsDriverConfigurer(@Reference DbfsService dbfs) {
        this.dbfs = dbfs;
    }

    @Override
    public Map<String, String> sparkConf(String clusterId) {
        return of(dbfs.driverAccess());
    }

    static Map<String, String> of(DriverAccess access) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.hadoop.fs.dbfs.impl", FILE_SYSTEM);
        conf.put("spark.hadoop.fs.AbstractFileSystem.dbfs.impl", ABSTRACT_FILE_SYSTEM);
        conf.put("spark.hadoop.fs.dbfs.root", access.localRoot().toAbsolutePath().toString());
        conf.put("spark.hadoop.fs.dbfs.mounts.file", access.mountTable().toAbsolutePath().toString());
        return conf;
    }
}
