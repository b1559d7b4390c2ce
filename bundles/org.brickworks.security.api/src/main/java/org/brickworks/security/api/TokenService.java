package org.brickworks.security.api;

import java.util.List;
import java.util.Optional;

import org.brickworks.security.api.dto.CreatedToken;
import org.brickworks.security.api.dto.TokenInfo;
import org.brickworks.security.api.dto.User;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Personal access tokens as Databricks defines them (Token API 2.0). Token values are shown once, at creation; only
 * their hashes are stored. Thread-safe.
 */
@ProviderType
public interface TokenService {

    /**
     * Creates a token for {@code userName}.
     *
     * @param lifetimeSeconds
     *            seconds until it expires; empty or {@code <= 0} means it never expires, or, when a maximum lifetime
     *            is configured, that it lives that long
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             RESOURCE_DOES_NOT_EXIST for an unknown user, INVALID_PARAMETER_VALUE ({@code lifetime_seconds}) for
     *             a lifetime over the configured maximum or a disabled user
     */
    CreatedToken create(String userName, String comment, Optional<Long> lifetimeSeconds);

    /** The tokens of {@code userName}, oldest first. */
    List<TokenInfo> list(String userName);

    /** Every token of every user, oldest first (administrators). */
    List<TokenInfo> listAll();

    /**
     * One token of any user (administrators).
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             RESOURCE_DOES_NOT_EXIST for an unknown or revoked token
     * @since 1.1
     */
    TokenInfo get(String tokenId);

    /**
     * Creates a token for the service principal {@code applicationId}, as {@link #create} does, on behalf of the
     * administrator {@code caller}.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             PERMISSION_DENIED when {@code caller} is no administrator, RESOURCE_DOES_NOT_EXIST when no service
     *             principal has that application id
     * @since 1.1
     */
    CreatedToken createOnBehalfOf(String caller, String applicationId, String comment, Optional<Long> lifetimeSeconds);

    /**
     * Revokes one of {@code userName}'s tokens; administrators may revoke anyone's.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             RESOURCE_DOES_NOT_EXIST when the caller has no such token
     */
    void revoke(String userName, String tokenId);

    /**
     * The user a token value belongs to.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             UNAUTHENTICATED when the value is unknown, expired or revoked, or its user is disabled (the
     *             message says which, never the value)
     */
    User authenticate(String tokenValue);
}
