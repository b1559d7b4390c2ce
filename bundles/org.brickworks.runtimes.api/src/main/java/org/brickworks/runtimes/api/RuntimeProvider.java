package org.brickworks.runtimes.api;

import java.net.URL;

import org.brickworks.runtimes.api.dto.SparkRuntime;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Extension point: one Spark runtime version, contributed by a runtime plugin bundle. A plugin registers this service
 * with the property {@value #KEY_PROPERTY} set to its {@link SparkRuntime#key() key}; the version is offered while the
 * service is registered (installing the bundle adds it, stopping or removing the bundle takes it away).
 * <p>
 * Both methods are called on any thread, must answer quickly and always the same values.
 */
@ConsumerType
public interface RuntimeProvider {
    /** Service property naming the runtime's key, e.g. {@code 15.4.x-scala2.12}. */
    String KEY_PROPERTY = "brickworks.runtime.key";

    /** What this runtime is: key, name, versions, Maven closure, driver JVM options. */
    SparkRuntime runtime();

    /**
     * The driver agent jar compiled for this runtime's Spark line, inside the plugin bundle. Valid only while the
     * provider is registered: a launcher copies it out before starting a driver.
     */
    URL agentJar();
}
