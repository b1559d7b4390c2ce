package org.brickworks.store.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Brickworks store", description = "The JDBC database holding the platform's metadata")
@interface StoreConfig {
    @AttributeDefinition(name = "JDBC URL",
            description = "Empty: an embedded H2 file database under the data directory. "
                    + "PostgreSQL: jdbc:postgresql://host:port/database")
    String url() default "";

    @AttributeDefinition(name = "User", description = "Database user")
    String user() default "";

    @AttributeDefinition(name = "Password", description = "Database password; prefer passwordFile or the variable "
            + StorePassword.ENVIRONMENT + ", which win over it", type = AttributeType.PASSWORD)
    String password() default "";

    @AttributeDefinition(name = "Password file", description = "Absolute path of an owner-only (0600) file holding"
            + " the database password, instead of the password here; empty: none")
    String passwordFile() default "";

    @AttributeDefinition(name = "Maximum connections", description = "Size of the connection pool")
    int maxConnections() default 16;

    @AttributeDefinition(name = "Connection lifetime", description = "PostgreSQL: seconds after which a pooled"
            + " connection is closed and replaced (keep it below any idle or lifetime limit of the network and server)")
    int maxLifetimeSeconds() default 1800;

    @AttributeDefinition(name = "Connection timeout", description = "PostgreSQL: seconds a transaction waits for a"
            + " connection before the store fails it")
    int connectionTimeoutSeconds() default 30;
}
