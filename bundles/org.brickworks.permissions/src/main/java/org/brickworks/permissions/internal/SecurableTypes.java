package org.brickworks.permissions.internal;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.brickworks.core.api.Awaiting;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.permissions.api.SecurableType;

/**
 * The registered {@link SecurableType}s by name. A type seen once and gone (its bundle being updated) is waited for,
 * as long as a service is waited for through a swap; a type never seen is unknown at once.
 */
final class SecurableTypes {
    private final Map<String, SecurableType> types = new ConcurrentHashMap<>();
    private final Set<String> seen = new HashSet<>();
    private final long waitMillis;

    SecurableTypes(long waitMillis) {
        this.waitMillis = waitMillis;
    }

    SecurableTypes() {
        this(Awaiting.DEFAULT_PATIENCE.toMillis());
    }

    synchronized void add(SecurableType type) {
        types.put(type.name(), type);
        seen.add(type.name());
        notifyAll();
    }

    synchronized void remove(SecurableType type) {
        types.remove(type.name(), type);
    }

    SecurableType get(String name) {
        SecurableType type = types.get(name);
        return type != null ? type : await(name);
    }

    private synchronized SecurableType await(String name) {
        long deadline = System.currentTimeMillis() + waitMillis;
        SecurableType type;
        while ((type = types.get(name)) == null && seen.contains(name)) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new BrickworksException(ErrorCode.TEMPORARILY_UNAVAILABLE,
                        "The permissions of " + name + " are being updated; try again");
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BrickworksException(ErrorCode.TEMPORARILY_UNAVAILABLE, "Interrupted");
            }
        }
        if (type == null) {
            throw new BrickworksException(ErrorCode.RESOURCE_DOES_NOT_EXIST,
                    "No object type " + name + " has permissions");
        }
        return type;
    }

    /** The rank of {@code level} among {@code type}'s levels (its index), -1 when the type has no such level. */
    static int rank(SecurableType type, String level) {
        var levels = type.levels();
        for (int i = 0; i < levels.size(); i++) {
            if (levels.get(i).name().equals(level)) {
                return i;
            }
        }
        return -1;
    }
}
