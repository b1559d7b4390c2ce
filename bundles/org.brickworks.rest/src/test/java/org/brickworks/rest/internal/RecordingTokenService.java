package org.brickworks.rest.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.security.api.TokenService;
import org.brickworks.security.api.dto.CreatedToken;
import org.brickworks.security.api.dto.TokenInfo;
import org.brickworks.security.api.dto.User;

/** An in-memory token service that remembers how it was called, for testing the REST translation. */
final class RecordingTokenService implements TokenService {
    record Creation(String userName, String comment, Optional<Long> lifetimeSeconds) {
    }

    record Revocation(String userName, String tokenId) {
    }

    final List<TokenInfo> tokens = new ArrayList<>();
    final List<Creation> creations = new ArrayList<>();
    final List<Revocation> revocations = new ArrayList<>();
    /** Token values {@link #authenticate} takes, and whose they are. */
    final Map<String, User> logins = new HashMap<>();

    @Override
    public CreatedToken create(String userName, String comment, Optional<Long> lifetimeSeconds) {
        creations.add(new Creation(userName, comment, lifetimeSeconds));
        long expiry = lifetimeSeconds.map(s -> 1_000_000 + s * 1000).orElse(-1L);
        TokenInfo info = new TokenInfo("id-" + (tokens.size() + 1), userName, comment, 1_000_000, expiry);
        tokens.add(info);
        return new CreatedToken("dapi-value-" + (tokens.size()), info);
    }

    @Override
    public List<TokenInfo> list(String userName) {
        return tokens.stream().filter(t -> t.userName().equals(userName)).toList();
    }

    @Override
    public List<TokenInfo> listAll() {
        return List.copyOf(tokens);
    }

    @Override
    public void revoke(String userName, String tokenId) {
        revocations.add(new Revocation(userName, tokenId));
    }

    @Override
    public TokenInfo get(String tokenId) {
        return tokens.stream().filter(t -> t.tokenId().equals(tokenId)).findFirst()
                .orElseThrow(() -> org.brickworks.core.api.BrickworksException.notFound("Token " + tokenId));
    }

    @Override
    public CreatedToken createOnBehalfOf(String caller, String applicationId, String comment,
            Optional<Long> lifetimeSeconds) {
        return create(applicationId, comment, lifetimeSeconds);
    }

    @Override
    public User authenticate(String tokenValue) {
        User user = logins.get(tokenValue);
        if (user == null) {
            throw BrickworksException.unauthenticated("Invalid access token");
        }
        return user;
    }

    static User user(String userName, boolean admin) {
        return new User(admin ? 1 : 2, userName, userName.toUpperCase(), admin, Instant.EPOCH);
    }
}
