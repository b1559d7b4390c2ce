package org.brickworks.store.internal;

import java.lang.annotation.Annotation;

/** A {@link StoreConfig} as Configuration Admin would hand it over, for constructing the store directly. */
record TestStoreConfig(String url, String user, String password, int maxConnections) implements StoreConfig {

    /** The defaults: an embedded H2 database under the data directory. */
    static TestStoreConfig embedded() {
        return withUrl("");
    }

    static TestStoreConfig withUrl(String url) {
        return new TestStoreConfig(url, "", "", 4);
    }

    @Override
    public String passwordFile() {
        return "";
    }

    @Override
    public int maxLifetimeSeconds() {
        return 1800;
    }

    @Override
    public int connectionTimeoutSeconds() {
        return 30;
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return StoreConfig.class;
    }
}
