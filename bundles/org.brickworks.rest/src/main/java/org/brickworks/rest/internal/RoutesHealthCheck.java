package org.brickworks.rest.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.brickworks.clusters.api.ClusterService;
import org.brickworks.clusters.api.InstancePoolService;
import org.brickworks.dbfs.api.DbfsService;
import org.brickworks.execution.api.CommandExecution;
import org.brickworks.libraries.api.ClusterLibraryService;
import org.brickworks.notebooks.api.NotebookRunner;
import org.brickworks.rest.api.RestContext;
import org.brickworks.runtimes.api.RuntimeRegistry;
import org.brickworks.security.api.TokenService;
import org.brickworks.workspace.api.WorkspaceService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.dto.RuntimeDTO;
import org.osgi.service.servlet.runtime.dto.ServletContextDTO;
import org.osgi.service.servlet.runtime.dto.ServletDTO;

/**
 * Readiness of the REST API (Apache Felix Health Check {@value #NAME}, tag {@code brickworks}): every required area's
 * route is bound in the {@value RestContext#NAME} context of the HTTP Whiteboard (as its {@link HttpServiceRuntime}
 * reports it) and the service the area's route calls is registered. An area that is not yet (or no longer) serving is
 * named, with what it waits for, in a CRITICAL entry of its own.
 */
@Component(property = { HealthCheck.NAME + "=" + RoutesHealthCheck.NAME, HealthCheck.TAGS + "=brickworks" })
public class RoutesHealthCheck implements HealthCheck {
    static final String NAME = "routes";

    /** An area of the API: its name, one of its routes' patterns, the service that route calls. */
    record Area(String name, String pattern, Class<?> service) {
    }

    /** What the platform must serve before it is ready; a plugin's routes are not required. */
    static final List<Area> REQUIRED = List.of(
            new Area("scim", "/api/2.0/preview/scim/v2/Me", TokenService.class),
            new Area("tokens", "/api/2.0/token/*", TokenService.class),
            new Area("clusters", "/api/2.0/clusters/*", ClusterService.class),
            new Area("instance-pools", "/api/2.0/instance-pools/*", InstancePoolService.class),
            new Area("runtimes", "/api/2.0/clusters/spark-versions", RuntimeRegistry.class),
            new Area("libraries", "/api/2.0/libraries/*", ClusterLibraryService.class),
            new Area("commands", "/api/1.2/commands/*", CommandExecution.class),
            new Area("workspace", "/api/2.0/workspace/*", WorkspaceService.class),
            new Area("notebooks", "/api/2.0/notebooks/*", NotebookRunner.class),
            new Area("dbfs", "/api/2.0/dbfs/*", DbfsService.class));

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile HttpServiceRuntime http;
    private final BundleContext context;

    @Activate
    public RoutesHealthCheck(BundleContext context) {
        this.context = context;
    }

    @Override
    public Result execute() {
        HttpServiceRuntime runtime = http;
        if (runtime == null) {
            FormattingResultLog log = new FormattingResultLog();
            log.critical("No HTTP Whiteboard runtime: no route is bound");
            return new Result(log);
        }
        return evaluate(boundPatterns(runtime.getRuntimeDTO(), RestContext.NAME),
                service -> context.getServiceReference(service) != null);
    }

    /** One entry per required area: INFO when it serves, CRITICAL naming what it waits for. */
    static Result evaluate(Set<String> bound, Predicate<Class<?>> registered) {
        FormattingResultLog log = new FormattingResultLog();
        for (Area area : REQUIRED) {
            List<String> missing = new ArrayList<>();
            if (!bound.contains(area.pattern())) {
                missing.add("its route " + area.pattern() + " is not bound");
            }
            if (!registered.test(area.service())) {
                missing.add("the " + area.service().getSimpleName() + " service is not registered");
            }
            if (missing.isEmpty()) {
                log.info("{}: serving {}", area.name(), area.pattern());
            } else {
                log.critical("{}: {}", area.name(), String.join(" and ", missing));
            }
        }
        return new Result(log);
    }

    /** The patterns of the servlets deployed in the servlet context named {@code contextName}. */
    static Set<String> boundPatterns(RuntimeDTO runtime, String contextName) {
        Set<String> patterns = new TreeSet<>();
        Stream.of(orEmpty(runtime.servletContextDTOs)).filter(c -> contextName.equals(c.name))
                .flatMap(c -> Stream.of(orEmpty(c.servletDTOs))).map(s -> s.patterns)
                .forEach(p -> patterns.addAll(List.of(orEmpty(p))));
        return patterns;
    }

    private static ServletContextDTO[] orEmpty(ServletContextDTO[] contexts) {
        return contexts == null ? new ServletContextDTO[0] : contexts;
    }

    private static ServletDTO[] orEmpty(ServletDTO[] servlets) {
        return servlets == null ? new ServletDTO[0] : servlets;
    }

    private static String[] orEmpty(String[] patterns) {
        return patterns == null ? new String[0] : patterns;
    }
}
