package org.brickworks.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.brickworks.clusters.api.ClusterService;
import org.junit.jupiter.api.Test;
import org.osgi.service.servlet.runtime.dto.RuntimeDTO;
import org.osgi.service.servlet.runtime.dto.ServletContextDTO;
import org.osgi.service.servlet.runtime.dto.ServletDTO;

class RoutesHealthCheckTest {
    private static final Set<String> ALL_BOUND = RoutesHealthCheck.REQUIRED.stream()
            .map(RoutesHealthCheck.Area::pattern).collect(Collectors.toSet());

    @Test
    void isOkWhenEveryRequiredAreaHasItsRouteAndItsService() {
        Result result = RoutesHealthCheck.evaluate(ALL_BOUND, service -> true);

        assertThat(result.isOk()).isTrue();
        assertThat(messages(result)).contains("clusters: serving /api/2.0/clusters/*",
                "scim: serving /api/2.0/preview/scim/v2/Me");
    }

    @Test
    void namesTheAreaWhoseServiceIsGoneAndTheOneWhoseRouteIsNotBound() {
        Set<String> bound = ALL_BOUND.stream().filter(p -> !p.startsWith("/api/2.0/dbfs"))
                .collect(Collectors.toSet());

        Result result = RoutesHealthCheck.evaluate(bound, service -> service != ClusterService.class);

        assertThat(result.getStatus()).isEqualTo(Result.Status.CRITICAL);
        assertThat(StreamSupport.stream(result.spliterator(), false)
                .filter(e -> e.getStatus() == Result.Status.CRITICAL).map(ResultLog.Entry::getMessage))
                .containsExactly("clusters: the ClusterService service is not registered",
                        "dbfs: its route /api/2.0/dbfs/* is not bound");
    }

    @Test
    void boundPatternsAreThoseOfTheNamedContextOnly() {
        RuntimeDTO runtime = new RuntimeDTO();
        runtime.servletContextDTOs = new ServletContextDTO[] { context("brickworks", "/api/2.0/token/*"),
                context("brickworks.open", "/api/2.0/health"), context("brickworks", (String[]) null) };

        assertThat(RoutesHealthCheck.boundPatterns(runtime, "brickworks")).containsExactly("/api/2.0/token/*");
        assertThat(RoutesHealthCheck.boundPatterns(new RuntimeDTO(), "brickworks")).isEmpty();
    }

    private static ServletContextDTO context(String name, String... patterns) {
        ServletContextDTO context = new ServletContextDTO();
        context.name = name;
        ServletDTO servlet = new ServletDTO();
        servlet.patterns = patterns;
        context.servletDTOs = new ServletDTO[] { servlet };
        return context;
    }

    private static Set<String> messages(Result result) {
        return StreamSupport.stream(result.spliterator(), false).map(ResultLog.Entry::getMessage)
                .collect(Collectors.toSet());
    }
}
