package org.brickworks.runtimes.api;

import java.util.List;

import org.brickworks.runtimes.api.dto.SparkRuntime;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: something that uses runtimes and must not lose one under its feet, such as the clusters service. The
 * {@link RuntimeInstaller} asks every registered {@code RuntimeUsage} before it removes a runtime plugin and refuses
 * while any answers with users.
 * <p>
 * Called on the remover's thread; answer quickly from what is at hand (the store, memory) and never block on a driver.
 * A {@code RuntimeUsage} that throws blocks the removal (the installer cannot tell that the runtime is unused).
 */
@ConsumerType
public interface RuntimeUsage {

    /**
     * Who uses {@code runtime} now, one readable description each, e.g.
     * {@code cluster 1201-123456-abcdefgh (dev, RUNNING)}; empty when nobody does. A user names a runtime by its key or
     * by any of its {@link SparkRuntime#aliases() aliases}: match both.
     */
    List<String> usersOf(SparkRuntime runtime);
}
