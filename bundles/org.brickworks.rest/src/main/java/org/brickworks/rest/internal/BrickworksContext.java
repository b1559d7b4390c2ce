package org.brickworks.rest.internal;

import java.io.IOException;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.rest.api.ApiDispatcher;
import org.brickworks.rest.api.RestCaller;
import org.brickworks.rest.api.RestContext;
import org.brickworks.security.api.TokenService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The servlet context {@value RestContext#NAME} at {@code /}: every request of its servlets carries a valid personal
 * access token, else it is answered {@code 401 {"error_code": "UNAUTHENTICATED", ...}} before any servlet runs. Sets
 * the standard {@code REMOTE_USER} and {@code AUTHENTICATION_TYPE}, the caller ({@link RestCaller#ATTRIBUTE}) and the
 * {@link ApiDispatcher} of {@link org.brickworks.rest.api.ApiServlet}s.
 */
@Component(service = ServletContextHelper.class, configurationPid = RestConfig.PID)
@HttpWhiteboardContext(name = RestContext.NAME, path = "/")
@Designate(ocd = RestConfig.class)
public class BrickworksContext extends ServletContextHelper {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TokenService tokens;
    private final ServiceWait<TokenService> tokenWait;
    private final Authenticator authenticator;
    private final ApiDispatcher dispatcher;

    @Activate
    public BrickworksContext(BundleContext context, RestConfig config) {
        this(new ServiceWait<>(context, TokenService.class, "token", config), config.maxBodyBytes());
    }

    BrickworksContext(TokenService tokens, long maxBodyBytes) {
        this(ServiceWait.none("token"), maxBodyBytes);
        this.tokens = tokens;
    }

    private BrickworksContext(ServiceWait<TokenService> tokenWait, long maxBodyBytes) {
        this.tokenWait = tokenWait;
        authenticator = new Authenticator(() -> tokenWait.get(tokens));
        dispatcher = new RestDispatcher(new ApiJson(), maxBodyBytes);
    }

    @Deactivate
    void deactivate() {
        tokenWait.close();
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Authenticator.Login login;
        try {
            login = authenticator.authenticate(request);
        } catch (BrickworksException e) {
            ApiError.send(response, e.errorCode(), e.getMessage());
            return false;
        }
        request.setAttribute(REMOTE_USER, login.user().userName());
        request.setAttribute(AUTHENTICATION_TYPE, login.scheme());
        request.setAttribute(RestCaller.ATTRIBUTE, login.user());
        request.setAttribute(ApiDispatcher.ATTRIBUTE, dispatcher);
        return true;
    }
}
