package org.brickworks.notebooks.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Brickworks notebooks", description = "Limits of whole-notebook runs")
@interface NotebooksConfig {
    @AttributeDefinition(name = "Cell timeout",
            description = "Seconds a cell may run before it is cancelled and the run stops with an error")
    long cellTimeoutSeconds() default 3600;
}
