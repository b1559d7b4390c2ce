package org.brickworks.rest.internal;

import java.io.IOException;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.rest.api.ApiDispatcher;
import org.brickworks.rest.api.RestCaller;
import org.brickworks.rest.api.RestContext;
import org.brickworks.security.api.TokenService;
import org.brickworks.security.api.UserService;
import org.brickworks.security.api.dto.User;
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
    static final String WORKSPACE_ACCESS = "workspace-access";
    private static final String ME = "/api/2.0/preview/scim/v2/Me";
    private static final String TOKENS = "/api/2.0/token/";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TokenService tokens;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile UserService users;
    private final ServiceWait<TokenService> tokenWait;
    private final ServiceWait<UserService> userWait;
    private final Authenticator authenticator;
    private final ApiDispatcher dispatcher;

    @Activate
    public BrickworksContext(BundleContext context, RestConfig config) {
        this(new ServiceWait<>(context, TokenService.class, "token", config),
                new ServiceWait<>(context, UserService.class, "users", config), config.maxBodyBytes());
    }

    BrickworksContext(TokenService tokens, UserService users, long maxBodyBytes) {
        this(ServiceWait.none("token"), ServiceWait.none("users"), maxBodyBytes);
        this.tokens = tokens;
        this.users = users;
    }

    private BrickworksContext(ServiceWait<TokenService> tokenWait, ServiceWait<UserService> userWait,
            long maxBodyBytes) {
        this.tokenWait = tokenWait;
        this.userWait = userWait;
        authenticator = new Authenticator(() -> tokenWait.get(tokens));
        dispatcher = new RestDispatcher(new ApiJson(), maxBodyBytes);
    }

    @Deactivate
    void deactivate() {
        tokenWait.close();
        userWait.close();
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Authenticator.Login login;
        try {
            login = authenticator.authenticate(request);
            checkWorkspaceAccess(login.user(), request);
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

    /**
     * Refuses a caller without the {@value #WORKSPACE_ACCESS} entitlement anything but {@code Me} and its own tokens,
     * as Databricks does; every route, plugins' included, gets this check. Administrators have every entitlement.
     */
    private void checkWorkspaceAccess(User user, HttpServletRequest request) {
        String path = request.getRequestURI();
        if (user.admin() || path.startsWith(ME) || path.startsWith(TOKENS)) {
            return;
        }
        if (!userWait.get(users).entitlementsOf(user.userName()).contains(WORKSPACE_ACCESS)) {
            throw new BrickworksException(ErrorCode.PERMISSION_DENIED,
                    user.userName() + " does not have the " + WORKSPACE_ACCESS + " entitlement");
        }
    }
}
