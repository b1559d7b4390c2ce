package org.brickworks.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckMetadata;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;

class HealthCommandsTest {
    @Test
    void printsOneRowPerMessageAndReadyWhenEveryRequiredCheckPasses() {
        FormattingResultLog routes = new FormattingResultLog();
        routes.info("clusters: serving /api/2.0/clusters/*");
        routes.info("dbfs: serving /api/2.0/dbfs/*");

        String out = HealthCommands.format(List.of(result("store", new Result(Result.Status.OK, "H2 2.3")),
                result("admin token", new Result(Result.Status.OK, "in /data/admin-token")),
                result("routes", new Result(routes)),
                result("metastore", new Result(Result.Status.TEMPORARILY_UNAVAILABLE, "Starting"))));

        assertThat(out).isEqualTo("""
                Ready

                CHECK        STATUS                   MS  MESSAGE
                store        OK                       7   H2 2.3
                admin token  OK                       7   in /data/admin-token
                routes       OK                       7   clusters: serving /api/2.0/clusters/*
                routes       OK                       7   dbfs: serving /api/2.0/dbfs/*
                metastore    TEMPORARILY_UNAVAILABLE  7   Starting""");
    }

    @Test
    void namesWhatIsPendingAndARequiredCheckThatIsNotRegistered() {
        FormattingResultLog routes = new FormattingResultLog();
        routes.critical("clusters: the ClusterService service is not registered");

        String out = HealthCommands.format(List.of(result("store", new Result(Result.Status.OK, "H2")),
                result("routes", new Result(routes))));

        assertThat(out).startsWith("Not ready: routes, admin token\n")
                .contains("routes       CRITICAL  7   clusters: the ClusterService service is not registered")
                .contains("admin token  MISSING   -   no such check registered: its bundle is not active");
    }

    private static HealthCheckExecutionResult result(String name, Result result) {
        Map<String, Object> properties = Map.of(HealthCheck.NAME, name, "service.id", 1L, HealthCheck.TAGS,
                name.equals("metastore") ? "brickworks.background" : "brickworks");
        ServiceReference<?> reference = (ServiceReference<?>) Proxy.newProxyInstance(
                HealthCommandsTest.class.getClassLoader(), new Class<?>[] { ServiceReference.class },
                (proxy, method, args) -> method.getName().equals("getProperty") ? properties.get(args[0]) : null);
        HealthCheckMetadata metadata = new HealthCheckMetadata(reference);
        return new HealthCheckExecutionResult() {
            @Override
            public Result getHealthCheckResult() {
                return result;
            }

            @Override
            public long getElapsedTimeInMs() {
                return 7;
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
}
