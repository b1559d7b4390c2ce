package org.brickworks.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.brickworks.rest.cfg}, read by the servlet contexts (limits) and every resource (service wait). */
@ObjectClassDefinition(name = "Brickworks REST API", description = "Limits of the REST API under /api")
@interface RestConfig {
    String PID = "org.brickworks.rest";

    @AttributeDefinition(name = "Maximum body size", description = "Largest request body accepted, in bytes")
    long maxBodyBytes() default 10 * 1024 * 1024;

    @AttributeDefinition(name = "Service wait", description = "Seconds a request waits for a service being updated before answering TEMPORARILY_UNAVAILABLE")
    int serviceWaitSeconds() default 30;
}
