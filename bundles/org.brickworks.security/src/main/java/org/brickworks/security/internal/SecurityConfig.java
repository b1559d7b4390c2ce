package org.brickworks.security.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.brickworks.security.cfg}: token lifetimes and sign-in throttling. Changes apply at once. */
@ObjectClassDefinition(name = "Brickworks security", description = "Token lifetimes and sign-in throttling")
@interface SecurityConfig {
    String PID = "org.brickworks.security";

    @AttributeDefinition(name = "Maximum token lifetime",
            description = "Longest lifetime of a new token, in seconds; a token asked for without a lifetime gets this one. 0: no maximum")
    long maxTokenLifetimeSeconds() default 0;

    @AttributeDefinition(name = "First admin token lifetime",
            description = "Lifetime of the admin token written at first start, in seconds (bw:token-create on the local console makes a new one)")
    long adminTokenLifetimeSeconds() default 90L * 24 * 3600;

    @AttributeDefinition(name = "Failed sign-ins before lock-out",
            description = "Wrong passwords in a row after which a user is locked out for a while")
    int maxFailedSignIns() default 5;

    @AttributeDefinition(name = "Lock-out",
            description = "Seconds a user is locked out after too many failed sign-ins; doubles with every further failure, up to an hour")
    long lockoutSeconds() default 60;
}
