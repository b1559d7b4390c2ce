package org.brickworks.libraries.internal;

import java.lang.annotation.Annotation;
import java.nio.file.Path;

/** A {@link MavenResolverConfig} as Configuration Admin would hand it over, for constructing the resolver directly. */
record TestResolverConfig(String cacheDirectory, String userRepository, String centralUrl, String[] repositories,
        String mirrorUrl, String[] credentials, int downloadThreads, int connectTimeoutSeconds,
        int requestTimeoutSeconds) implements MavenResolverConfig {

    TestResolverConfig(String cacheDirectory, String userRepository, String centralUrl, int connectTimeoutSeconds,
            int requestTimeoutSeconds) {
        this(cacheDirectory, userRepository, centralUrl, new String[0], "", new String[0], 12, connectTimeoutSeconds,
                requestTimeoutSeconds);
    }

    /** Maven Central into {@code cache}, without the user's local repository (tests must not depend on it). */
    static TestResolverConfig central(Path cache) {
        return remote(cache, "https://repo.maven.apache.org/maven2/");
    }

    static TestResolverConfig remote(Path cache, String centralUrl) {
        return new TestResolverConfig(cache.toString(), "", centralUrl, 5, 30);
    }

    TestResolverConfig withUserRepository(Path userRepository) {
        return new TestResolverConfig(cacheDirectory, userRepository.toString(), centralUrl, repositories, mirrorUrl,
                credentials, downloadThreads, connectTimeoutSeconds, requestTimeoutSeconds);
    }

    TestResolverConfig withMirror(String url) {
        return new TestResolverConfig(cacheDirectory, userRepository, centralUrl, repositories, url, credentials,
                downloadThreads, connectTimeoutSeconds, requestTimeoutSeconds);
    }

    TestResolverConfig withRepositories(String... idEqualsUrl) {
        return new TestResolverConfig(cacheDirectory, userRepository, centralUrl, idEqualsUrl, mirrorUrl, credentials,
                downloadThreads, connectTimeoutSeconds, requestTimeoutSeconds);
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return MavenResolverConfig.class;
    }
}
