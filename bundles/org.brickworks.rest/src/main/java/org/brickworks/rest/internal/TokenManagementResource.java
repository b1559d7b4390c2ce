package org.brickworks.rest.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.rest.api.ApiParams;
import org.brickworks.rest.api.RestCaller;
import org.brickworks.rest.api.RestContext;
import org.brickworks.security.api.TokenService;
import org.brickworks.security.api.UserService;
import org.brickworks.security.api.dto.CreatedToken;
import org.brickworks.security.api.dto.TokenInfo;
import org.brickworks.security.api.dto.User;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Token Management API 2.0, administrators only: every user's tokens ({@code GET tokens} with
 * {@code created_by_id}/{@code created_by_username}, {@code GET} and {@code DELETE tokens/<id>}), and tokens for
 * service principals ({@code POST on-behalf-of/tokens} with {@code application_id}). A plain servlet, since its paths
 * carry ids and it deletes with DELETE; errors as {@code {"error_code", "message"}}.
 */
@Component(service = Servlet.class, configurationPid = RestConfig.PID)
@HttpWhiteboardContextSelect(RestContext.SELECT)
@HttpWhiteboardServletPattern({ "/api/2.0/token-management/*" })
public class TokenManagementResource extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TokenManagementResource.class);
    private static final String TOKENS = "/tokens";

    record OnBehalfOf(String applicationId, Long lifetimeSeconds, String comment) {
        OnBehalfOf {
            ApiParams.required(applicationId, "application_id");
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Info(String tokenId, Long createdById, String createdByUsername, Long ownerId, long creationTime,
            long expiryTime, String comment) {
    }

    record Infos(List<Info> tokenInfos) {
    }

    record One(Info tokenInfo) {
    }

    record Created(String tokenValue, Info tokenInfo) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TokenService tokens;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile UserService users;
    private final transient ServiceWait<TokenService> tokenWait;
    private final transient ServiceWait<UserService> userWait;
    private final transient ApiJson json = new ApiJson();
    private final long maxBodyBytes;

    @Activate
    public TokenManagementResource(BundleContext context, RestConfig config) {
        tokenWait = new ServiceWait<>(context, TokenService.class, "token", config);
        userWait = new ServiceWait<>(context, UserService.class, "user", config);
        maxBodyBytes = config.maxBodyBytes();
    }

    TokenManagementResource(TokenService tokens, UserService users) {
        tokenWait = ServiceWait.none("token");
        userWait = ServiceWait.none("user");
        this.tokens = tokens;
        this.users = users;
        maxBodyBytes = 1 << 20;
    }

    @Deactivate
    void deactivate() {
        tokenWait.close();
        userWait.close();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PlainServlets.serve(request, response, json.mapper(), LOG, () -> {
            User caller = RestCaller.of(request);
            if (!userWait.get(users).isAdmin(caller.userName())) {
                throw new BrickworksException(ErrorCode.PERMISSION_DENIED,
                        "Only administrators may manage the tokens of other users");
            }
            return answer(request, caller);
        });
    }

    private Object answer(HttpServletRequest request, User caller) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo().replaceAll("/+$", "");
        String method = request.getMethod();
        TokenService service = tokenWait.get(tokens);
        if (path.equals(TOKENS) && method.equals("GET")) {
            return list(request, service);
        }
        if (path.startsWith(TOKENS + "/") && path.indexOf('/', TOKENS.length() + 1) < 0) {
            String tokenId = path.substring(TOKENS.length() + 1);
            if (method.equals("GET")) {
                return new One(info(service.get(tokenId), ids()));
            }
            if (method.equals("DELETE")) {
                service.get(tokenId);
                service.revoke(caller.userName(), tokenId);
                return Map.of();
            }
        }
        if (path.equals("/on-behalf-of/tokens") && method.equals("POST")) {
            OnBehalfOf params = json.bind(json.parse(body(request)), OnBehalfOf.class);
            CreatedToken created = service.createOnBehalfOf(caller.userName(), params.applicationId(),
                    params.comment() == null ? "" : params.comment(), Optional.ofNullable(params.lifetimeSeconds()));
            return new Created(created.tokenValue(), info(created.info(), ids()));
        }
        throw ApiError.noEndpoint(method, request.getRequestURI());
    }

    private Infos list(HttpServletRequest request, TokenService service) {
        ScimQuery.decodable(request);
        String byId = request.getParameter("created_by_id");
        String byName = request.getParameter("created_by_username");
        Map<String, Long> ids = ids();
        return new Infos(service.listAll().stream().map(t -> info(t, ids))
                .filter(i -> byName == null || byName.isEmpty() || byName.equals(i.createdByUsername()))
                .filter(i -> byId == null || byId.isEmpty() || byId.equals(String.valueOf(i.createdById())))
                .toList());
    }

    /** Every principal's id by user name (a service principal's application id). */
    private Map<String, Long> ids() {
        return userWait.get(users).list().stream().collect(Collectors.toMap(User::userName, User::id, (a, b) -> a));
    }

    private static Info info(TokenInfo token, Map<String, Long> ids) {
        Long id = ids.get(token.userName());
        return new Info(token.tokenId(), id, token.userName(), id, token.creationTime(), token.expiryTime(),
                token.comment());
    }

    private byte[] body(HttpServletRequest request) throws IOException {
        return PlainServlets.body(request, maxBodyBytes);
    }
}
