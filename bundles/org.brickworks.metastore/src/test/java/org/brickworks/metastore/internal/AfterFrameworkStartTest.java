package org.brickworks.metastore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.startlevel.FrameworkStartLevel;

class AfterFrameworkStartTest {
    private final List<FrameworkListener> listeners = new ArrayList<>();
    private final AtomicInteger runs = new AtomicInteger();
    private int frameworkState = Bundle.STARTING;
    private int startLevel = 1;
    private String finalLevel;

    @Test
    void runsOnTheFrameworksStartedEventOnceAndStopsListening() {
        AfterFrameworkStart.run(context(), runs::incrementAndGet);
        assertThat(runs).hasValue(0);

        fire(FrameworkEvent.STARTLEVEL_CHANGED);
        assertThat(runs).hasValue(0);
        frameworkState = Bundle.ACTIVE;
        fire(FrameworkEvent.STARTED);
        fire(FrameworkEvent.STARTED);

        assertThat(runs).hasValue(1);
        assertThat(listeners).isEmpty();
    }

    @Test
    void waitsForTheFinalStartLevelWhenThePlatformNamesOne() {
        finalLevel = "7";
        AfterFrameworkStart.run(context(), runs::incrementAndGet);

        startLevel = 4;
        frameworkState = Bundle.ACTIVE;
        fire(FrameworkEvent.STARTED);
        assertThat(runs).hasValue(0);
        startLevel = 7;
        fire(FrameworkEvent.STARTLEVEL_CHANGED);

        assertThat(runs).hasValue(1);
        assertThat(listeners).isEmpty();
    }

    @Test
    void runsAtOnceWhenTheFrameworkHasStartedAlready() {
        frameworkState = Bundle.ACTIVE;

        AfterFrameworkStart.run(context(), runs::incrementAndGet);

        assertThat(runs).hasValue(1);
        assertThat(listeners).isEmpty();
    }

    @Test
    void neverRunsOnceCancelled() {
        AfterFrameworkStart waiting = AfterFrameworkStart.run(context(), runs::incrementAndGet);

        assertThat(waiting.cancel()).isTrue();
        fire(FrameworkEvent.STARTED);

        assertThat(runs).hasValue(0);
        assertThat(waiting.cancel()).isFalse();
    }

    private void fire(int type) {
        new ArrayList<>(listeners).forEach(l -> l.frameworkEvent(new FrameworkEvent(type, framework(), null)));
    }

    private BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { BundleContext.class },
                (proxy, method, args) -> switch (method.getName()) {
                case "addFrameworkListener" -> listeners.add((FrameworkListener) args[0]);
                case "removeFrameworkListener" -> listeners.remove(args[0]);
                case "getBundle" -> framework();
                case "getProperty" -> "brickworks.startLevel".equals(args[0]) ? finalLevel : null;
                default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private FrameworkStartLevel startLevel() {
        return (FrameworkStartLevel) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { FrameworkStartLevel.class }, (proxy, method, args) -> switch (method.getName()) {
                case "getStartLevel" -> startLevel;
                default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private Bundle framework() {
        return (Bundle) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Bundle.class },
                (proxy, method, args) -> switch (method.getName()) {
                case "getState" -> frameworkState;
                case "adapt" -> startLevel();
                case "hashCode" -> 0;
                default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
