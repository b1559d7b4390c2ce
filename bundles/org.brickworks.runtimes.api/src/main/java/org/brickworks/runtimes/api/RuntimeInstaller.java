package org.brickworks.runtimes.api;

import org.brickworks.runtimes.api.dto.RuntimePlugin;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Installs and removes runtime plugin bundles while the platform runs: an installed plugin's runtimes are offered by the
 * {@link RuntimeRegistry} at once, a removed plugin's are gone at once. Installed bundles stay installed across
 * restarts, as any bundle the framework installs does.
 * <p>
 * Thread-safe; calls are serialized, so two installs of one plugin cannot race.
 */
@ProviderType
public interface RuntimeInstaller {

    /**
     * Installs and starts the runtime plugin bundle {@code source} names, and waits until the registry offers its
     * runtimes. Nothing is left behind when the plugin is refused.
     *
     * @param source
     *            a path to a bundle jar on the platform's host, or Maven coordinates {@code group:artifact:version} of
     *            one (the artifact alone, resolved by the libraries service)
     * @return the installed plugin, with the keys of the runtimes it added
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code INVALID_PARAMETER_VALUE} when {@code source} is neither an existing file nor coordinates, is
     *             not a bundle, does not start, or offers no valid runtime within the configured wait;
     *             {@code RESOURCE_ALREADY_EXISTS} when a bundle with its symbolic name is installed (remove it first:
     *             an install never replaces a plugin in place); the libraries service's errors for coordinates
     */
    RuntimePlugin install(String source);

    /**
     * Uninstalls the plugin bundle that offers the runtime {@code keyOrAlias}, with every runtime it offers. A plugin
     * that came from the hot-deploy folder ({@code plugins/}) also loses its file there, so it does not come back.
     *
     * @return the removed plugin, with the keys of the runtimes that went with it
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code INVALID_PARAMETER_VALUE} naming the known keys when no runtime answers to {@code keyOrAlias};
     *             {@code INVALID_STATE} naming the users when a {@link RuntimeUsage} reports one of the plugin's
     *             runtimes in use, or cannot tell
     */
    RuntimePlugin remove(String keyOrAlias);
}
