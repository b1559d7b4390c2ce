package org.brickworks.rest.internal;

import java.util.List;

import org.brickworks.core.api.ServiceSlot;
import org.brickworks.security.api.TokenService;
import org.brickworks.security.api.dto.CreatedToken;
import org.brickworks.security.api.dto.TokenInfo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Token API 2.0: the caller's own personal access tokens. */
final class TokenResource {
    private final ServiceSlot<TokenService> tokens;
    private final ObjectMapper json;

    TokenResource(ServiceSlot<TokenService> tokens, ObjectMapper json) {
        this.tokens = tokens;
        this.json = json;
    }

    List<Route> routes() {
        return List.of(Route.post("token/create", this::create), Route.get("token/list", this::list),
                Route.post("token/delete", this::delete));
    }

    private Object create(ApiRequest request) {
        CreatedToken created = tokens.get().create(request.caller().userName(),
                request.optionalString("comment").orElse(""), request.optionalLong("lifetime_seconds"));
        ObjectNode result = json.createObjectNode().put("token_value", created.tokenValue());
        result.set("token_info", info(created.info()));
        return result;
    }

    private Object list(ApiRequest request) {
        ArrayNode infos = json.createArrayNode();
        tokens.get().list(request.caller().userName()).forEach(token -> infos.add(info(token)));
        ObjectNode result = json.createObjectNode();
        result.set("token_infos", infos);
        return result;
    }

    private Object delete(ApiRequest request) {
        tokens.get().revoke(request.caller().userName(), request.requiredString("token_id"));
        return null;
    }

    private ObjectNode info(TokenInfo token) {
        return json.createObjectNode().put("token_id", token.tokenId()).put("creation_time", token.creationTime())
                .put("expiry_time", token.expiryTime()).put("comment", token.comment());
    }
}
