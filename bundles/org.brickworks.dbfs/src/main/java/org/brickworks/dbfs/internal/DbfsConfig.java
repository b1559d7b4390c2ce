package org.brickworks.dbfs.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Brickworks DBFS", description = "Where DBFS keeps files and how long uploads may idle")
@interface DbfsConfig {
    @AttributeDefinition(name = "Local root", description = "Directory of the local DBFS root; empty: <data>/dbfs")
    String root() default "";

    @AttributeDefinition(name = "Upload timeout",
            description = "Seconds a streaming upload (create/add-block/close) may go without a call before it is dropped")
    int handleTimeoutSeconds() default 600;
}
