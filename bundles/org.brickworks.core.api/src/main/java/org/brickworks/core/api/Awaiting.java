package org.brickworks.core.api;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;

import org.osgi.util.tracker.ServiceTracker;

/**
 * Waiting for a service that is being swapped (a bundle update): the caller holds an open {@link ServiceTracker} of
 * the service (opened in its component's activate, closed in its deactivate) and calls {@link #await} where it needs
 * the service now. While a provider is registered this costs a volatile read; during a swap the caller waits for the
 * new provider instead of failing.
 */
public final class Awaiting {
    /** How long a caller waits for a service by default: longer than any bundle update takes. */
    public static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(30);

    private Awaiting() {
    }

    /**
     * The tracked service, waiting up to {@code patience} for one.
     *
     * @param what
     *            the service as users know it, for the message: {@code clusters}
     * @throws BrickworksException
     *             {@link ErrorCode#TEMPORARILY_UNAVAILABLE} when none came in time, or the caller was interrupted
     */
    public static <S, T> T await(ServiceTracker<S, T> tracker, String what, Duration patience) {
        T service = tracker.getService();
        if (service != null) {
            return service;
        }
        try {
            service = tracker.waitForService(Math.max(1, patience.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrickworksException(ErrorCode.TEMPORARILY_UNAVAILABLE,
                    "Interrupted waiting for the " + what + " service");
        }
        if (service == null) {
            throw new BrickworksException(ErrorCode.TEMPORARILY_UNAVAILABLE,
                    "The " + what + " service is not available; try again shortly");
        }
        return service;
    }

    /** {@link #await(ServiceTracker, String, Duration)} with {@link #DEFAULT_PATIENCE}. */
    public static <S, T> T await(ServiceTracker<S, T> tracker, String what) {
        return await(tracker, what, DEFAULT_PATIENCE);
    }

    /**
     * A {@code type} whose every call goes to the tracked service, {@linkplain #await(ServiceTracker, String) waiting}
     * for one while its bundle is being swapped: for a component that hands a service of another bundle to helpers
     * made once (records, runners) and must not be restarted by that bundle's update. Nothing may call it during the
     * component's activation that the provider's start could be waiting for.
     *
     * @param type
     *            an interface
     */
    public static <S> S proxy(ServiceTracker<S, S> tracker, Class<S> type, String what) {
        Class<?>[] interfaces = { type };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), interfaces, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "Awaiting[" + what + "]";
                };
            }
            try {
                return method.invoke(await(tracker, what), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
