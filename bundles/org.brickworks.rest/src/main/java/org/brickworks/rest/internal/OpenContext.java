package org.brickworks.rest.internal;

import org.brickworks.rest.api.ApiDispatcher;
import org.brickworks.rest.api.RestContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The servlet context {@value RestContext#OPEN_NAME} at {@code /}: routes open without a token (the health check, and
 * driver call-backs that check their cluster's secret themselves). Sets the {@link ApiDispatcher} of
 * {@link org.brickworks.rest.api.ApiServlet}s.
 */
@Component(service = ServletContextHelper.class, configurationPid = RestConfig.PID)
@HttpWhiteboardContext(name = RestContext.OPEN_NAME, path = "/")
public class OpenContext extends ServletContextHelper {
    private final ApiDispatcher dispatcher;

    @Activate
    public OpenContext(RestConfig config) {
        dispatcher = new RestDispatcher(new ApiJson(), config.maxBodyBytes());
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) {
        request.setAttribute(ApiDispatcher.ATTRIBUTE, dispatcher);
        return true;
    }
}
