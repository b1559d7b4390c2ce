package org.brickworks.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.brickworks.rest.cfg}, read by the servlet contexts (limits) and every resource (service wait). */
@ObjectClassDefinition(name = "Brickworks REST API", description = "Limits of the REST API under /api")
@interface RestConfig {
    String PID = "org.brickworks.rest";

    @AttributeDefinition(name = "Maximum body size", description = "Largest request body accepted, in bytes")
    long maxBodyBytes() default 10 * 1024 * 1024;

    @AttributeDefinition(name = "Service wait",
            description = "Seconds a request waits for a service being updated before answering TEMPORARILY_UNAVAILABLE")
    int serviceWaitSeconds() default 30;

    @AttributeDefinition(name = "Health patience",
            description = "Milliseconds GET /api/2.0/health asks the health checks again before answering 503 (a hot swap's gap is shorter)")
    long healthPatienceMillis() default 3000;

    @AttributeDefinition(name = "Required health checks",
            description = "Names of the health checks (tag brickworks) that must be registered and pass before the platform is ready")
    String[] healthRequiredChecks() default { "store", "admin token", "routes" };
}
