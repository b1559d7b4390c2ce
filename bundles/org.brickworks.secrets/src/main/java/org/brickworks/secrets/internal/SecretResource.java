package org.brickworks.secrets.internal;

import java.util.List;

import org.brickworks.rest.api.ApiServlet;
import org.brickworks.rest.api.RestContext;
import org.brickworks.rest.api.Route;
import org.brickworks.secrets.api.SecretService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;

/**
 * The Secrets API ({@link SecretRoutes}), registered by the secrets bundle itself in the Brickworks context, as a
 * plugin registers its routes: updating this bundle touches no other area's routes.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(RestContext.SELECT)
@HttpWhiteboardServletPattern("/api/2.0/secrets/*")
public class SecretResource extends ApiServlet {
    private static final long serialVersionUID = 1L;

    @Reference
    private volatile SecretService secrets;

    @Override
    protected List<Route<?>> routes() {
        return new SecretRoutes(() -> secrets).routes();
    }
}
