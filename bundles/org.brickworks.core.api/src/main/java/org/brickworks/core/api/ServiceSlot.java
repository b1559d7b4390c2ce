package org.brickworks.core.api;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Holds the current provider of a dynamic, greedy reference and lets callers wait for one while a provider is being
 * swapped (bundle update): callers see a short wait, not an error. Bind/unbind methods of the owning component call
 * {@link #bind} and {@link #unbind}; request threads call {@link #get}. Thread-safe.
 */
public final class ServiceSlot<T> {
    private final String name;
    private final Duration patience;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition bound = lock.newCondition();
    private volatile T current;

    public ServiceSlot(String name, Duration patience) {
        this.name = name;
        this.patience = patience;
    }

    public void bind(T service) {
        lock.lock();
        try {
            current = service;
            bound.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Forgets {@code service} if it is the current one; a newer provider bound first stays. */
    public void unbind(T service) {
        lock.lock();
        try {
            if (current == service) {
                current = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The current provider, waiting up to the slot's patience for one.
     *
     * @throws BrickworksException
     *             {@link ErrorCode#TEMPORARILY_UNAVAILABLE} when none came in time
     */
    public T get() {
        T service = current;
        if (service != null) {
            return service;
        }
        long nanos = patience.toNanos();
        lock.lock();
        try {
            while ((service = current) == null) {
                if (nanos <= 0) {
                    throw new BrickworksException(ErrorCode.TEMPORARILY_UNAVAILABLE,
                            "The " + name + " service is not available; try again shortly");
                }
                nanos = bound.awaitNanos(nanos);
            }
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrickworksException(ErrorCode.TEMPORARILY_UNAVAILABLE,
                    "Interrupted waiting for the " + name + " service");
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "ServiceSlot[" + name + (current == null ? ", empty]" : ", bound]");
    }
}
