package org.brickworks.metastore.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * Runs work once the framework has started, that is once every bundle of the start levels has started and the platform
 * serves: at once when it has started already (a bundle update, a later start), else on its {@code STARTED} event or
 * on the start-level change that reaches {@code brickworks.startLevel} (the framework first starts up to the REST
 * API's level, and REST raises it when its routes are bound). So work that the platform does not need to serve does
 * not compete with its start for the CPU. Runs at most once; {@link #cancel()} before that means never.
 */
final class AfterFrameworkStart implements FrameworkListener {
    private final BundleContext context;
    private final Runnable work;
    private final AtomicBoolean done = new AtomicBoolean();

    private AfterFrameworkStart(BundleContext context, Runnable work) {
        this.context = context;
        this.work = work;
    }

    static AfterFrameworkStart run(BundleContext context, Runnable work) {
        AfterFrameworkStart waiting = new AfterFrameworkStart(context, work);
        context.addFrameworkListener(waiting);
        // after adding the listener, so that a start finishing in between is not missed
        if (waiting.started()) {
            waiting.runOnce();
        }
        return waiting;
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if ((event.getType() == FrameworkEvent.STARTED || event.getType() == FrameworkEvent.STARTLEVEL_CHANGED)
                && started()) {
            runOnce();
        }
    }

    private boolean started() {
        Bundle framework = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        String finalLevel = context.getProperty("brickworks.startLevel");
        return framework.getState() == Bundle.ACTIVE && (finalLevel == null
                || framework.adapt(FrameworkStartLevel.class).getStartLevel() >= Integer.parseInt(finalLevel.trim()));
    }

    /** True when the work had not begun, and now never will. */
    boolean cancel() {
        context.removeFrameworkListener(this);
        return done.compareAndSet(false, true);
    }

    private void runOnce() {
        if (done.compareAndSet(false, true)) {
            context.removeFrameworkListener(this);
            work.run();
        }
    }
}
