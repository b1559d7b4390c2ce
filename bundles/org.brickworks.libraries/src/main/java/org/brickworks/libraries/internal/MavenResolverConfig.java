package org.brickworks.libraries.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Brickworks Maven resolver",
        description = "Where Maven artifacts come from and where they are cached")
@interface MavenResolverConfig {
    @AttributeDefinition(name = "Cache directory", description = "Local repository the resolver downloads into. "
            + "Empty: cache/maven under the data directory")
    String cacheDirectory() default "";

    @AttributeDefinition(name = "User repository", description = "A local Maven repository read (never written) "
            + "before downloading; ignored when missing. Empty: none. A leading ~ is the user's home directory")
    String userRepository() default "~/.m2/repository";

    @AttributeDefinition(name = "Maven Central URL", description = "The default remote repository, searched first")
    String centralUrl() default "https://repo.maven.apache.org/maven2/";

    @AttributeDefinition(name = "Connect timeout", description = "Seconds to wait for a repository connection")
    int connectTimeoutSeconds() default 10;

    @AttributeDefinition(name = "Request timeout", description = "Seconds a download may stall before it fails")
    int requestTimeoutSeconds() default 60;
}
