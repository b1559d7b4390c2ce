package org.brickworks.runtimes.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.runtimes.api.RuntimeUsage;
import org.brickworks.runtimes.api.dto.SparkRuntime;

/** Asks every {@link RuntimeUsage} whether runtimes about to go are in use, and refuses the removal if so. */
final class RuntimeUsers {
    private RuntimeUsers() {
    }

    /**
     * Returns when nobody uses any of {@code runtimes}.
     *
     * @throws BrickworksException
     *             {@code INVALID_STATE} naming the users of {@code plugin}'s runtimes, or the usage that failed
     */
    static void refuseWhileUsed(String plugin, Collection<SparkRuntime> runtimes, Collection<RuntimeUsage> usages) {
        List<String> users = new ArrayList<>();
        for (RuntimeUsage usage : usages) {
            for (SparkRuntime runtime : runtimes) {
                try {
                    usage.usersOf(runtime).forEach(user -> users.add(user + " uses " + runtime.key()));
                } catch (RuntimeException e) {
                    throw new BrickworksException(ErrorCode.INVALID_STATE, "Cannot remove " + plugin
                            + ": cannot tell whether " + runtime.key() + " is in use (" + e.getMessage() + ")", e);
                }
            }
        }
        if (!users.isEmpty()) {
            throw new BrickworksException(ErrorCode.INVALID_STATE,
                    "Cannot remove " + plugin + " while it is in use: " + String.join("; ", users));
        }
    }
}
