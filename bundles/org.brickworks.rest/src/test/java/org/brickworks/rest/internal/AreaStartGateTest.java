package org.brickworks.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.dto.RuntimeDTO;
import org.osgi.service.servlet.runtime.dto.ServletContextDTO;
import org.osgi.service.servlet.runtime.dto.ServletDTO;

class AreaStartGateTest {
    private final List<Integer> raisedTo = new ArrayList<>();
    private int level = 4;

    @Test
    void raisesTheStartLevelOnceEveryRouteIsBoundAndOnlyOnce() {
        AreaStartGate gate = new AreaStartGate(context("7"));
        List<String> patterns = RoutesHealthCheck.REQUIRED.stream().map(RoutesHealthCheck.Area::pattern).toList();

        gate.check(runtime(patterns.subList(1, patterns.size())));
        assertThat(raisedTo).isEmpty();
        gate.check(runtime(patterns));
        gate.check(runtime(patterns));
        gate.close();

        assertThat(raisedTo).containsExactly(7);
    }

    @Test
    void raisesItWhenTheRestApiStopsFirst() {
        new AreaStartGate(context("7")).close();

        assertThat(raisedTo).containsExactly(7);
    }

    @Test
    void doesNothingWithoutAFinalLevelOrOnceItIsReached() {
        new AreaStartGate(context(null)).close();
        level = 7;
        new AreaStartGate(context("7")).close();

        assertThat(raisedTo).isEmpty();
    }

    private HttpServiceRuntime runtime(List<String> patterns) {
        ServletDTO servlet = new ServletDTO();
        servlet.patterns = patterns.toArray(String[]::new);
        ServletContextDTO context = new ServletContextDTO();
        context.name = "brickworks";
        context.servletDTOs = new ServletDTO[] { servlet };
        RuntimeDTO dto = new RuntimeDTO();
        dto.servletContextDTOs = new ServletContextDTO[] { context };
        return proxy(HttpServiceRuntime.class, Map.of("getRuntimeDTO", args -> dto));
    }

    private BundleContext context(String finalLevel) {
        FrameworkStartLevel startLevel = proxy(FrameworkStartLevel.class, Map.of("getStartLevel", args -> level,
                "setStartLevel", args -> raisedTo.add((Integer) args[0])));
        Bundle framework = proxy(Bundle.class, Map.of("adapt", args -> startLevel));
        return proxy(BundleContext.class, Map.of("getBundle", args -> framework, "getProperty",
                args -> "brickworks.startLevel".equals(args[0]) ? finalLevel : null));
    }

    interface Answer {
        Object apply(Object[] args);
    }

    private static <T> T proxy(Class<T> type, Map<String, Answer> answers) {
        return type.cast(Proxy.newProxyInstance(AreaStartGateTest.class.getClassLoader(), new Class<?>[] { type },
                (proxy, method, args) -> {
                    Answer answer = answers.get(method.getName());
                    if (answer == null) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return answer.apply(args);
                }));
    }
}
