package org.brickworks.metastore.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Brickworks shared catalog", description = "The Hive metastore every cluster shares:"
        + " an embedded Derby network server by default, or an external database")
@interface MetastoreConfig {
    @AttributeDefinition(name = "Derby port", description = "Port of the Derby network server on loopback; 0 picks a"
            + " free port on the first start and keeps it in the data directory, so running drivers stay connected"
            + " across platform restarts")
    int port() default 0;

    @AttributeDefinition(name = "External metastore database", description = "JDBC URL of an external metastore"
            + " database (e.g. jdbc:postgresql://db:5432/metastore) instead of the Derby server; its JDBC driver must"
            + " be on the drivers' classpath (PostgreSQL's is in every runtime)")
    String jdbcUrl() default "";

    @AttributeDefinition(name = "External database driver", description = "JDBC driver class for jdbcUrl")
    String jdbcDriver() default "org.postgresql.Driver";

    @AttributeDefinition(name = "External database user")
    String user() default "";

    @AttributeDefinition(name = "External database password", type = AttributeType.PASSWORD)
    String password() default "";

    @AttributeDefinition(name = "Warehouse directory", description = "Where managed tables live (a Hadoop"
            + " path drivers can reach); empty for dbfs:/user/hive/warehouse")
    String warehouseDir() default "";
}
