package org.brickworks.libraries.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Brickworks cluster libraries",
        description = "Where cluster libraries are cached and how PyPI packages are installed")
@interface LibrariesConfig {
    @AttributeDefinition(name = "Library cache", description = "Folder of the libraries' caches (maven, pypi, "
            + "files). Empty: cache/libraries under the data directory")
    String libraryCacheDirectory() default "";

    @AttributeDefinition(name = "Read local repositories", description = "Look into the runtime cache and the "
            + "user's Maven repository before downloading a library's closure (false: the library cache only)")
    boolean readLocalRepositories() default true;

    @AttributeDefinition(name = "PyPI index URL", description = "The PEP 503 simple index pip installs from when a "
            + "library names none (pip's --index-url). Empty: pip's own configuration (PyPI, or pip.conf)")
    String pipIndexUrl() default "";

    @AttributeDefinition(name = "Python", description = "The Python that runs pip (python -m pip)")
    String python() default "python3";

    @AttributeDefinition(name = "pip timeout", description = "Seconds a pip install may take before it fails")
    int pipTimeoutSeconds() default 600;

    @AttributeDefinition(name = "Install threads", description = "Libraries resolved and installed at the same time")
    int installThreads() default 2;
}
