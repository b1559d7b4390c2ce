package org.brickworks.permissions.internal;

import java.util.List;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.permissions.api.BasicSecurableType;
import org.brickworks.permissions.api.Securable;
import org.brickworks.permissions.api.SecurableType;
import org.osgi.service.component.annotations.Component;

/**
 * {@code /authorization/tokens}: who may create personal access tokens ({@code CAN_USE}) and manage everyone's
 * ({@code CAN_MANAGE}); the group {@code users} holds {@code CAN_USE} until an administrator changes it.
 */
@Component(service = SecurableType.class, property = SecurableType.PROPERTY + "=" + TokensType.NAME)
public class TokensType extends BasicSecurableType {
    static final String NAME = "authorization";
    static final String TOKENS = "tokens";

    public TokensType() {
        super(NAME, TOKENS, List.of(new Level("CAN_USE", "Can create and use personal access tokens"),
                new Level("CAN_MANAGE", "Can manage everyone's tokens")), "CAN_MANAGE");
    }

    @Override
    public Securable resolve(String id) {
        if (!TOKENS.equals(id)) {
            throw BrickworksException.notFound("No authorization object " + id + "; the one there is is tokens");
        }
        return new Securable(null);
    }
}
