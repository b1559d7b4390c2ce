package org.brickworks.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Brickworks REST API", description = "Limits of the REST API under /api")
@interface RestConfig {
    @AttributeDefinition(name = "Maximum body size", description = "Largest request body accepted, in bytes")
    long maxBodyBytes() default 10 * 1024 * 1024;

    @AttributeDefinition(name = "Service wait", description = "Seconds a request waits for a service being updated before answering TEMPORARILY_UNAVAILABLE")
    int serviceWaitSeconds() default 30;
}
