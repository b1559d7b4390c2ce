package org.brickworks.rest.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.core.api.PlatformInfo;
import org.brickworks.rest.api.RestContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/2.0/health}, open without a token: 200 {@code {"status": "OK", "version", "uptime_seconds",
 * "checks"}} once the platform can serve, else 503 {@code {"error_code": "TEMPORARILY_UNAVAILABLE", "message",
 * "pending", "checks"}}. Ready is what the Apache Felix Health Checks tagged {@value Readiness#TAG} say (store
 * migrated, admin token written, every required area's routes bound: see {@link Readiness}). A check that is not ready
 * is asked again for a moment (the configured health patience) before the answer is 503, so that a request during a
 * hot swap, when a route or service is gone for some milliseconds, is not told the platform is down.
 */
@Component(service = Servlet.class, configurationPid = RestConfig.PID)
@HttpWhiteboardContextSelect(RestContext.OPEN_SELECT)
@HttpWhiteboardServletPattern({ "/api/2.0/health", "/api/2.1/health", "/api/2.2/health" })
public class HealthResource extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final long POLL_MILLIS = 25;

    record Healthy(String status, String version, long uptimeSeconds, List<Readiness.Check> checks) {
    }

    record Unavailable(String errorCode, String message, List<Readiness.Check> pending, List<Readiness.Check> checks) {
    }

    static {
        // Every class an answer needs, loaded (and the lambdas of Readiness bootstrapped) now: a request that waits
        // through an update of this very bundle answers after the old revision's class loader has closed.
        List.of(Healthy.class, Unavailable.class, Readiness.Check.class);
        Readiness.of(List.of(), List.of("class loading")).summary();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PlatformInfo platform;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile HealthCheckExecutor executor;
    private final transient ObjectMapper json = new ApiJson().mapper();
    private final Duration patience;
    private final List<String> required;

    @Activate
    public HealthResource(RestConfig config) {
        this(null, null, Duration.ofMillis(config.healthPatienceMillis()), List.of(config.healthRequiredChecks()));
    }

    HealthResource(PlatformInfo platform, HealthCheckExecutor executor, Duration patience, List<String> required) {
        this.platform = platform;
        this.executor = executor;
        this.patience = patience;
        this.required = List.copyOf(required);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Kept once bound: while this request waits, an update of this bundle deactivates the component and unbinds them.
        PlatformInfo info = platform;
        HealthCheckExecutor checks = executor;
        long deadline = System.nanoTime() + patience.toNanos();
        Readiness readiness = readiness(info, checks);
        while (!readiness.ready() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS); // a hot swap's gap lasts milliseconds: ask the checks again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            // one that was missing may have come; one bound at the start stays in use
            info = info != null ? info : platform;
            checks = checks != null ? checks : executor;
            readiness = readiness(info, checks);
        }
        if (readiness.ready() && info != null) {
            write(response, 200, new Healthy("OK", info.version(),
                    Duration.between(info.startedAt(), Instant.now()).toSeconds(), readiness.checks()));
        } else {
            write(response, ErrorCode.TEMPORARILY_UNAVAILABLE.httpStatus(),
                    new Unavailable(ErrorCode.TEMPORARILY_UNAVAILABLE.name(), readiness.summary(),
                            readiness.pending(), readiness.checks()));
        }
    }

    private Readiness readiness(PlatformInfo info, HealthCheckExecutor checks) {
        if (checks == null) {
            return Readiness.unknown("The health checks are not running yet (org.apache.felix.healthcheck.core)");
        }
        if (info == null) {
            return Readiness.unknown("The platform service is not available (org.brickworks.core)");
        }
        return Readiness.of(checks, required);
    }

    private void write(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
