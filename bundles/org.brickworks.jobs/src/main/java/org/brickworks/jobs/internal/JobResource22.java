package org.brickworks.jobs.internal;

import java.util.List;

import org.brickworks.core.api.TrackedServices;
import org.brickworks.jobs.api.JobService;
import org.brickworks.jobs.api.RunService;
import org.brickworks.permissions.api.PermissionService;
import org.brickworks.rest.api.ApiServlet;
import org.brickworks.rest.api.RestContext;
import org.brickworks.rest.api.Route;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;

/**
 * Jobs API 2.2 ({@link JobRoutes}): as 2.0 and 2.1, but a job created without {@code queue} queues its
 * runs. Registered by the jobs bundle itself in the Brickworks context, as a plugin
 * registers its routes: updating this bundle touches no other area's routes.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(RestContext.SELECT)
@HttpWhiteboardServletPattern("/api/2.2/jobs/*")
public class JobResource22 extends ApiServlet {
    private static final long serialVersionUID = 1L;

    @Reference
    private volatile JobService jobs;
    @Reference
    private volatile RunService runs;

    private final transient TrackedServices services;

    @Activate
    public JobResource22(BundleContext context) {
        services = new TrackedServices(context);
    }

    @Deactivate
    void deactivate() {
        services.close();
    }

    @Override
    protected List<Route<?>> routes() {
        return new JobRoutes(() -> jobs, () -> runs,
                () -> services.await(PermissionService.class, "the permissions service"), true).routes();
    }
}
