package org.brickworks.agent.dbfs;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.DelegateToFileSystem;

/**
 * {@code dbfs:} for Hadoop's {@code FileContext} API ({@code fs.AbstractFileSystem.dbfs.impl}), which Delta's log
 * store and Spark's streaming checkpoints use: the same {@link DbfsFileSystem} behind it.
 */
public class DbfsAbstractFileSystem extends DelegateToFileSystem {
    public DbfsAbstractFileSystem(URI uri, Configuration conf) throws IOException, URISyntaxException {
        super(DbfsFileSystem.URI_ROOT, new DbfsFileSystem(), conf, "dbfs", false);
    }

    @Override
    public int getUriDefaultPort() {
        return -1;
    }
}
