package org.brickworks.store.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Brickworks store", description = "The JDBC database holding the platform's metadata")
@interface StoreConfig {
    @AttributeDefinition(name = "JDBC URL", description = "Empty: an embedded H2 file database under the data directory. "
            + "PostgreSQL: jdbc:postgresql://host:port/database")
    String url() default "";

    @AttributeDefinition(name = "User", description = "Database user")
    String user() default "";

    @AttributeDefinition(name = "Password", description = "Database password", type = AttributeType.PASSWORD)
    String password() default "";

    @AttributeDefinition(name = "Maximum connections", description = "Size of the connection pool")
    int maxConnections() default 16;
}
