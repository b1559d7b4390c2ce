package org.brickworks.agent.execution;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.spark.sql.SparkSession;

/**
 * The order in which one execution context's tasks (commands, interpreter starts and stops) run: one at a time, in
 * submission order, on the context's worker thread. Fast path: a task that may run on its submitter's thread and comes
 * while the context is idle is handed back to run there (after the submitter has answered its request), which saves a
 * thread hand-off per short query; whatever comes meanwhile queues behind it and goes to the worker. Thread-safe.
 */
final class CommandQueue {

    private final ExecutorService worker;
    private final ClassLoader classLoader;
    private final Deque<Runnable> queue = new ArrayDeque<>(); // guarded by this
    private boolean busy; // guarded by this: a thread runs the context's tasks (the worker, or a fast-path submitter)

    /** {@code classLoader}: the context class loader of every thread while it runs the context's tasks. */
    CommandQueue(String contextId, ClassLoader classLoader) {
        this.classLoader = classLoader;
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "brickworks-context-" + contextId);
            thread.setDaemon(true);
            // Spark's Utils.classForName (SQL functions, UDFs) finds the context's libraries through it.
            thread.setContextClassLoader(classLoader);
            return thread;
        });
    }

    /**
     * Runs the task after the earlier ones: returns it to run on the caller's thread when allowed and idle. Once the
     * queue is shut down, tasks are dropped.
     */
    synchronized Runnable schedule(Runnable task, boolean mayRunHere) {
        if (worker.isShutdown()) {
            return null;
        }
        if (!busy && mayRunHere) {
            busy = true;
            return () -> runHere(task);
        }
        queue.add(task);
        if (!busy) {
            busy = true;
            worker.execute(this::drain);
        }
        return null;
    }

    /** Stops the worker thread; what is queued never runs. */
    void shutdown() {
        worker.shutdownNow();
    }

    private void runHere(Runnable task) {
        Thread thread = Thread.currentThread();
        ClassLoader loader = thread.getContextClassLoader();
        thread.setContextClassLoader(classLoader);
        try {
            task.run();
        } finally {
            thread.setContextClassLoader(loader);
            SparkSession.clearActiveSession(); // this thread serves other requests and contexts next
            handOn();
        }
    }

    /** The worker's step: the oldest queued task, then the rest of the queue (even when the task killed the thread). */
    private void drain() {
        Runnable next;
        synchronized (this) {
            next = queue.poll();
        }
        try {
            if (next != null) {
                next.run();
            }
        } finally {
            handOn();
        }
    }

    /** After a task: the worker takes the next queued one, or the context is idle. */
    private synchronized void handOn() {
        if (queue.isEmpty()) {
            busy = false;
        } else if (!worker.isShutdown()) {
            worker.execute(this::drain);
        }
    }
}
