package org.brickworks.clusters.standalone.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Brickworks Spark standalone launcher",
        description = "Offers the node types standalone-small, -medium and -large, whose clusters run against a Spark"
                + " standalone master: the driver stays on this host (client mode), executors run on the master's"
                + " workers")
@interface StandaloneLauncherConfig {
    @AttributeDefinition(name = "Master",
            description = "The standalone master's URL, spark://host:port"
                    + " (several masters for HA: spark://h1:p1,h2:p2)")
    String master() default "spark://127.0.0.1:7077";
}
