package org.brickworks.dbfs.azure.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Brickworks DBFS on Azure", description = "Azure Blob Storage mounts")
@interface AzureConfig {
    @AttributeDefinition(name = "Mount check", description = "Seconds a new mount waits for its storage account to"
            + " answer whether the container exists, before the mount is refused")
    int mountCheckSeconds() default 5;
}
