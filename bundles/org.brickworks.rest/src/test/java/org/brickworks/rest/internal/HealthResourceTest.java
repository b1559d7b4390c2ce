package org.brickworks.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.execution.HealthCheckExecutionOptions;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckMetadata;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.brickworks.core.api.PlatformInfo;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code GET /api/2.0/health} over the results of the Felix Health Checks tagged {@code brickworks}. */
class HealthResourceTest {
    private static final Duration UP_FOR = Duration.ofMinutes(5);
    private static final PlatformInfo PLATFORM = new TestPlatform("1.4.0", Instant.now().minus(UP_FOR),
            Path.of("/var/lib/brickworks"));
    private static final List<String> REQUIRED = List.of("store", "admin token", "routes");

    @Test
    void answersOkWithVersionUptimeAndEveryCheckWhenAllRequiredChecksPass() {
        HealthCheckExecutor executor = executor(() -> List.of(ok("store", "H2 2.3; schemas migrated: clusters v5"),
                ok("admin token", "in /data/admin-token"), ok("routes", "clusters: serving /api/2.0/clusters/*")));

        HttpCall call = HttpCall.get("/api/2.0/health").run(health(executor, Duration.ZERO));
        JsonNode answer = call.json();

        assertThat(call.status()).isEqualTo(200);
        assertThat(answer.fieldNames()).toIterable().containsExactly("status", "version", "uptime_seconds", "checks");
        assertThat(answer.get("status").asText()).isEqualTo("OK");
        assertThat(answer.get("version").asText()).isEqualTo("1.4.0");
        assertThat(answer.get("uptime_seconds").asLong()).isBetween(UP_FOR.toSeconds(), UP_FOR.toSeconds() + 60);
        assertThat(answer.get("checks")).extracting(c -> c.get("name").asText()).containsExactly("store",
                "admin token", "routes");
    }

    @Test
    void answersTemporarilyUnavailableNamingTheAreaNotServingAndTheRequiredCheckNotRegistered() {
        FormattingResultLog routes = new FormattingResultLog();
        routes.info("tokens: serving /api/2.0/token/*");
        routes.critical("clusters: the ClusterService service is not registered");
        HealthCheckExecutor executor = executor(
                () -> List.of(ok("store", "H2"), result("routes", new Result(routes))));

        HttpCall call = HttpCall.get("/api/2.0/health").run(health(executor, Duration.ZERO));
        JsonNode answer = call.json();

        assertThat(call.status()).isEqualTo(503);
        assertThat(answer.get("error_code").asText()).isEqualTo("TEMPORARILY_UNAVAILABLE");
        assertThat(answer.get("message").asText()).startsWith("Brickworks is not ready yet: ").contains("clusters");
        assertThat(answer.get("pending")).extracting(c -> c.get("name").asText() + ": " + c.get("status").asText()
                + ": " + c.get("message").asText()).containsExactly(
                        "routes: CRITICAL: clusters: the ClusterService service is not registered",
                        "admin token: MISSING: No health check 'admin token' is registered: its bundle is not active yet");
        assertThat(answer.get("checks")).hasSize(3);
    }

    @Test
    void answersTemporarilyUnavailableWhileTheHealthCheckExecutorIsAway() {
        HttpCall call = HttpCall.get("/api/2.0/health").run(health(null, Duration.ZERO));

        assertThat(call.status()).isEqualTo(503);
        assertThat(call.json().get("error_code").asText()).isEqualTo("TEMPORARILY_UNAVAILABLE");
        assertThat(call.json().get("pending").get(0).get("message").asText()).contains("health checks");
    }

    @Test
    void asksTheChecksAgainWithinItsPatienceBeforeAnsweringUnavailable() {
        AtomicInteger runs = new AtomicInteger();
        HealthCheckExecutor executor = executor(() -> runs.incrementAndGet() < 3
                ? List.of(ok("store", "H2"), ok("admin token", "file"))
                : List.of(ok("store", "H2"), ok("admin token", "file"), ok("routes", "all bound")));

        HttpCall call = HttpCall.get("/api/2.0/health").run(health(executor, Duration.ofSeconds(30)));

        assertThat(call.status()).isEqualTo(200);
        assertThat(runs).hasValue(3);
    }

    private static HealthResource health(HealthCheckExecutor executor, Duration patience) {
        return new HealthResource(PLATFORM, executor, patience, REQUIRED);
    }

    /** An executor whose every run of the tag {@code brickworks} answers what {@code results} gives. */
    static HealthCheckExecutor executor(Supplier<List<HealthCheckExecutionResult>> results) {
        return new HealthCheckExecutor() {
            @Override
            public List<HealthCheckExecutionResult> execute(HealthCheckSelector selector) {
                return execute(selector, new HealthCheckExecutionOptions());
            }

            @Override
            public List<HealthCheckExecutionResult> execute(HealthCheckSelector selector,
                    HealthCheckExecutionOptions options) {
                assertThat(selector.tags()).containsExactly("brickworks");
                assertThat(options.isForceInstantExecution()).isTrue();
                return new ArrayList<>(results.get());
            }
        };
    }

    static HealthCheckExecutionResult ok(String name, String message) {
        return result(name, new Result(Result.Status.OK, message));
    }

    static HealthCheckExecutionResult result(String name, Result result) {
        Map<String, Object> properties = Map.of(HealthCheck.NAME, name, HealthCheck.TAGS, "brickworks",
                "service.id", (long) name.hashCode());
        ServiceReference<?> reference = (ServiceReference<?>) Proxy.newProxyInstance(
                HealthResourceTest.class.getClassLoader(), new Class<?>[] { ServiceReference.class },
                (proxy, method, args) -> method.getName().equals("getProperty") ? properties.get(args[0]) : null);
        HealthCheckMetadata metadata = new HealthCheckMetadata(reference);
        return new HealthCheckExecutionResult() {
            @Override
            public Result getHealthCheckResult() {
                return result;
            }

            @Override
            public long getElapsedTimeInMs() {
                return 1;
            }

            @Override
            public Date getFinishedAt() {
                return new Date();
            }

            @Override
            public boolean hasTimedOut() {
                return false;
            }

            @Override
            public HealthCheckMetadata getHealthCheckMetadata() {
                return metadata;
            }
        };
    }

    private record TestPlatform(String version, Instant startedAt, Path dataDirectory) implements PlatformInfo {
    }
}
