package org.brickworks.runtimes.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.runtimes.api.RuntimeProvider;
import org.brickworks.runtimes.internal.PluginRuntimes.State;
import org.brickworks.runtimes.internal.PluginRuntimes.Verdict;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for a just-installed plugin bundle to offer its runtimes. Opened before the bundle starts, so no registration
 * is missed; service events from the bundle wake it, and a short re-check covers the registry binding a provider
 * just after this hears of it.
 */
final class RegistrationWait implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrationWait.class);
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final BundleContext context;
    private final Bundle bundle;
    private final PluginRuntimes runtimes;
    private final Duration timeout;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ServiceListener listener;
    /** Service events from the bundle so far: a wait starts only if none came since the last look. */
    private long events;

    RegistrationWait(BundleContext context, Bundle bundle, PluginRuntimes runtimes, Duration timeout) {
        this.context = context;
        this.bundle = bundle;
        this.runtimes = runtimes;
        this.timeout = timeout;
        this.listener = event -> {
            if (event.getServiceReference().getBundle() == bundle) {
                signal();
            }
        };
        try {
            context.addServiceListener(listener, "(objectClass=" + RuntimeProvider.class.getName() + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // a constant filter
        }
    }

    /**
     * The sorted keys of the runtimes the registry offers from the bundle, once no provider of it is pending.
     *
     * @throws BrickworksException
     *             {@code INVALID_PARAMETER_VALUE} when it offers no runtime within the timeout, or only refused ones
     */
    List<String> offeredKeys() {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen = events();
            List<Verdict> verdicts = runtimes.verdicts(bundle);
            if (!verdicts.isEmpty() && verdicts.stream().noneMatch(v -> v.state() == State.PENDING)) {
                return accepted(verdicts);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw BrickworksException.invalidParameter(bundle.getSymbolicName() + (verdicts.isEmpty()
                        ? " is not a runtime plugin: it registered no " + RuntimeProvider.class.getSimpleName()
                                + " within " + timeout.toSeconds() + " s"
                        : " registered runtimes the registry did not offer within " + timeout.toSeconds() + " s: "
                                + verdicts.stream().map(Verdict::key).toList()));
            }
            await(seen, verdicts.isEmpty() ? left : Math.min(left, RECHECK_NANOS));
        }
    }

    private List<String> accepted(List<Verdict> verdicts) {
        List<String> keys = verdicts.stream().filter(v -> v.state() == State.OFFERED).map(Verdict::key).sorted()
                .toList();
        List<String> reasons = verdicts.stream().filter(v -> v.state() == State.REFUSED).map(Verdict::reason)
                .toList();
        if (keys.isEmpty()) {
            throw BrickworksException.invalidParameter(
                    bundle.getSymbolicName() + " offers no valid runtime: " + String.join("; ", reasons));
        }
        reasons.forEach(reason -> LOG.warn("Runtime plugin {}: {}", bundle.getSymbolicName(), reason));
        return keys;
    }

    private long events() {
        lock.lock();
        try {
            return events;
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            events++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void await(long seen, long nanos) {
        lock.lock();
        try {
            if (events == seen) {
                changed.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BrickworksException.invalidParameter("Interrupted waiting for " + bundle.getSymbolicName());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        context.removeServiceListener(listener);
    }
}
