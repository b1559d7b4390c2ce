package org.brickworks.runtimes.api;

import java.net.URL;
import java.util.List;

import org.brickworks.runtimes.api.dto.SparkRuntime;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The Spark runtime versions currently offered: one per registered, valid {@link RuntimeProvider}. The answers change
 * as runtime plugin bundles come and go. Thread-safe.
 */
@ProviderType
public interface RuntimeRegistry {

    /** The runtimes offered now, sorted by key. */
    List<SparkRuntime> list();

    /**
     * The runtime with {@code keyOrAlias} as its key or one of its aliases.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code INVALID_PARAMETER_VALUE} naming the known keys when no runtime answers to it
     */
    SparkRuntime get(String keyOrAlias);

    /**
     * The driver agent jar of the runtime {@code keyOrAlias} names (see {@link RuntimeProvider#agentJar()}).
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             as {@link #get(String)}
     */
    URL agentJar(String keyOrAlias);
}
