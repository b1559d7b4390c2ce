package org.brickworks.clusters.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Brickworks clusters",
        description = "Housekeeping of clusters and instance pools, and how long they wait for a swapped service")
@interface ClustersConfig {
    @AttributeDefinition(name = "Housekeeping interval", description = "Seconds between checks for idle clusters to"
            + " autoterminate, terminated clusters to forget and pools to refill")
    int housekeepingSeconds() default 10;

    @AttributeDefinition(name = "Terminated cluster retention", description = "Days a terminated, unpinned cluster"
            + " stays listed before it is permanently deleted (Databricks keeps 30)")
    int terminatedRetentionDays() default 30;

    @AttributeDefinition(name = "Service wait", description = "Seconds a driver start waits for its node type's"
            + " launcher or the agent protocol during a bundle update; a cluster whose launcher is gone this long"
            + " terminates")
    int serviceWaitSeconds() default 30;
}
