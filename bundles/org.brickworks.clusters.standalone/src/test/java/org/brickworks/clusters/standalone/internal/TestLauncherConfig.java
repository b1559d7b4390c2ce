package org.brickworks.clusters.standalone.internal;

import java.lang.annotation.Annotation;

/** A {@link StandaloneLauncherConfig} as Configuration Admin would hand it over. */
record TestLauncherConfig(String master) implements StandaloneLauncherConfig {
    @Override
    public Class<? extends Annotation> annotationType() {
        return StandaloneLauncherConfig.class;
    }
}
