package org.brickworks.jobs.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.brickworks.jobs.api.TaskType;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The {@link TaskType} whiteboard: the registered type of each payload field (the highest ranked when two name the
 * same), waiting a while for one that is being swapped.
 */
final class TaskTypes extends ServiceTracker<TaskType, TaskType> {
    private final Map<ServiceReference<TaskType>, TaskType> tracked = new ConcurrentHashMap<>();
    private volatile Map<String, TaskType> byName = Map.of();

    TaskTypes(BundleContext context) {
        super(context, TaskType.class, null);
    }

    /** The type running payload field {@code name}, or null. */
    TaskType find(String name) {
        return byName.get(name);
    }

    /** The type running {@code name}, waiting up to {@code patience} for one to be registered; or null. */
    synchronized TaskType await(String name, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        TaskType type = find(name);
        for (long left = patience.toMillis(); type == null && left > 0;) {
            wait(left);
            type = find(name);
            left = (deadline - System.nanoTime()) / 1_000_000;
        }
        return type;
    }

    @Override
    public TaskType addingService(ServiceReference<TaskType> reference) {
        TaskType type = super.addingService(reference);
        tracked.put(reference, type);
        index();
        return type;
    }

    @Override
    public void modifiedService(ServiceReference<TaskType> reference, TaskType service) {
        index();
    }

    @Override
    public void removedService(ServiceReference<TaskType> reference, TaskType service) {
        tracked.remove(reference);
        index();
        super.removedService(reference, service);
    }

    /** Rebuilds the index: few types, rarely changed. */
    private synchronized void index() {
        Map<String, ServiceReference<TaskType>> best = new ConcurrentHashMap<>();
        tracked.keySet().forEach(reference -> {
            if (reference.getProperty(TaskType.NAME) instanceof String name) {
                best.merge(name, reference, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        });
        Map<String, TaskType> types = new ConcurrentHashMap<>();
        best.forEach((name, reference) -> types.put(name, tracked.get(reference)));
        byName = types;
        notifyAll();
    }
}
