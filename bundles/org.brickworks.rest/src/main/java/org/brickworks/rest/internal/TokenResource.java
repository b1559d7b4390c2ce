package org.brickworks.rest.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.permissions.api.ObjectRef;
import org.brickworks.rest.api.ApiCall;
import org.brickworks.rest.api.ApiParams;
import org.brickworks.rest.api.ApiServlet;
import org.brickworks.rest.api.RestContext;
import org.brickworks.rest.api.Route;
import org.brickworks.security.api.TokenService;
import org.brickworks.security.api.dto.CreatedToken;
import org.brickworks.security.api.dto.TokenInfo;
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

import jakarta.servlet.Servlet;

/** Token API 2.0: the caller's own personal access tokens. */
@Component(service = Servlet.class, configurationPid = RestConfig.PID)
@HttpWhiteboardContextSelect(RestContext.SELECT)
@HttpWhiteboardServletPattern({ "/api/2.0/token/*", "/api/2.1/token/*", "/api/2.2/token/*" })
public class TokenResource extends ApiServlet {
    private static final long serialVersionUID = 1L;
    private static final ObjectRef TOKENS = new ObjectRef("authorization", "tokens");

    record Create(String comment, Long lifetimeSeconds) {
    }

    record Delete(String tokenId) {
        Delete {
            ApiParams.required(tokenId, "token_id");
        }
    }

    record Created(String tokenValue, Info tokenInfo) {
    }

    record Infos(List<Info> tokenInfos) {
    }

    record Info(String tokenId, long creationTime, long expiryTime, String comment) {
        static Info of(TokenInfo token) {
            return new Info(token.tokenId(), token.creationTime(), token.expiryTime(), token.comment());
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TokenService tokens;
    private final transient ServiceWait<TokenService> waiting;
    private final transient Authorization authorization;
    /** Whether a user may create tokens: {@code CAN_USE} on {@code /authorization/tokens}. */
    private final transient Predicate<String> mayUseTokens;

    @Activate
    public TokenResource(BundleContext context, RestConfig config) {
        waiting = new ServiceWait<>(context, TokenService.class, "token", config);
        authorization = new Authorization(context, config);
        mayUseTokens = user -> authorization.permissions().levelOf(user, TOKENS) != null;
    }

    TokenResource(TokenService tokens, Predicate<String> mayUseTokens) {
        waiting = ServiceWait.none("token");
        authorization = null;
        this.tokens = tokens;
        this.mayUseTokens = mayUseTokens;
    }

    @Deactivate
    void deactivate() {
        waiting.close();
        authorization.close();
    }

    @Override
    protected List<Route<?>> routes() {
        return List.of(Route.post("token/create", Create.class, this::create),
                Route.get("token/list", Void.class, this::list),
                Route.post("token/delete", Delete.class, this::delete));
    }

    private Created create(ApiCall<Create> call) {
        Create create = call.params();
        if (!mayUseTokens.test(call.caller().userName())) {
            throw new BrickworksException(ErrorCode.PERMISSION_DENIED, call.caller().userName()
                    + " may not create tokens: it needs CAN_USE on " + TOKENS);
        }
        CreatedToken created = waiting.get(tokens).create(call.caller().userName(),
                create.comment() == null ? "" : create.comment(), Optional.ofNullable(create.lifetimeSeconds()));
        return new Created(created.tokenValue(), Info.of(created.info()));
    }

    private Infos list(ApiCall<Void> call) {
        return new Infos(waiting.get(tokens).list(call.caller().userName()).stream().map(Info::of).toList());
    }

    private Object delete(ApiCall<Delete> call) {
        waiting.get(tokens).revoke(call.caller().userName(), call.params().tokenId());
        return null;
    }
}
