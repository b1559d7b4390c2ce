package org.brickworks.libraries.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Brickworks Maven resolver",
        description = "Where Maven artifacts come from and where they are cached (runtimes and cluster libraries)")
@interface MavenResolverConfig {
    @AttributeDefinition(name = "Cache directory", description = "Local repository the resolver downloads into. "
            + "Empty: cache/maven under the data directory")
    String cacheDirectory() default "";

    @AttributeDefinition(name = "User repository", description = "A local Maven repository read (never written) "
            + "before downloading; ignored when missing. Empty: none. A leading ~ is the user's home directory")
    String userRepository() default "~/.m2/repository";

    @AttributeDefinition(name = "Maven Central URL", description = "The default remote repository, searched first")
    String centralUrl() default "https://repo.maven.apache.org/maven2/";

    @AttributeDefinition(name = "Repositories", description = "More remote repositories searched after Maven "
            + "Central, each id=url (e.g. company=https://nexus.example.com/repository/maven/)")
    String[] repositories() default {};

    @AttributeDefinition(name = "Mirror URL", description = "A repository that stands in for every remote "
            + "repository (Maven's mirrorOf *), e.g. a company proxy. Empty: none")
    String mirrorUrl() default "";

    @AttributeDefinition(name = "Credentials", description = "Credentials per repository id, each "
            + "id=user:password; the mirror's id is 'mirror', Maven Central's 'central'")
    String[] credentials() default {};

    @AttributeDefinition(name = "Download threads", description = "Parallel downloads of POMs and of jars")
    int downloadThreads() default 12;

    @AttributeDefinition(name = "Connect timeout", description = "Seconds to wait for a repository connection")
    int connectTimeoutSeconds() default 10;

    @AttributeDefinition(name = "Request timeout", description = "Seconds a download may stall before it fails")
    int requestTimeoutSeconds() default 60;
}
