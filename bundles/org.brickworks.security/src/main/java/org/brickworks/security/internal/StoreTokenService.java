package org.brickworks.security.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.security.api.TokenService;
import org.brickworks.security.api.dto.CreatedToken;
import org.brickworks.security.api.dto.TokenInfo;
import org.brickworks.security.api.dto.User;
import org.brickworks.store.api.Store;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * Personal access tokens in the store: only the SHA-256 of a value is kept, so a leaked store does not leak tokens.
 * Revoked tokens stay as rows (without being listed) so a caller is told its token was revoked rather than unknown.
 */
@Component(configurationPid = SecurityConfig.PID)
public class StoreTokenService implements TokenService {
    private static final String SELECT_INFO = "SELECT t.token_id, u.user_name, t.comment, t.created_at, t.expires_at"
            + " FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.revoked_at IS NULL";

    private final Store store;
    /** Seconds; 0 for no maximum. */
    private volatile long maxLifetime;

    @Activate
    public StoreTokenService(@Reference StoreUserService users, SecurityConfig config) {
        this(users);
        modified(config);
    }

    public StoreTokenService(StoreUserService users) {
        this.store = users.store();
    }

    @Modified
    void modified(SecurityConfig config) {
        maxLifetime = Math.max(0, config.maxTokenLifetimeSeconds());
    }

    /** Sets the longest lifetime of new tokens in seconds, 0 for none (tests). */
    void maxLifetime(long seconds) {
        maxLifetime = seconds;
    }

    @Override
    public CreatedToken create(String userName, String comment, Optional<Long> lifetimeSeconds) {
        long now = System.currentTimeMillis();
        long expiry = expiry(now, lifetimeSeconds.filter(s -> s > 0).orElse(0L));
        String value = TokenValues.newValue();
        String tokenId = TokenValues.newId();
        return store.transaction(c -> {
            User user = StoreUserService.find(c, userName)
                    .orElseThrow(() -> BrickworksException.notFound("User " + userName + " does not exist"));
            if (!active(c, user.id())) {
                throw BrickworksException.invalidParameter("User " + userName + " is disabled: it gets no tokens");
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO tokens"
                    + " (token_id, user_id, token_hash, comment, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, tokenId);
                s.setLong(2, user.id());
                s.setString(3, TokenValues.hash(value));
                s.setString(4, comment == null ? "" : comment);
                s.setLong(5, now);
                s.setLong(6, expiry);
                s.executeUpdate();
            }
            return new CreatedToken(value,
                    new TokenInfo(tokenId, userName, comment == null ? "" : comment, now, expiry));
        });
    }

    /** The expiry of a token asked for with {@code seconds} (0: none), within the configured maximum. */
    private long expiry(long now, long seconds) {
        long max = maxLifetime;
        if (max > 0 && seconds > max) {
            throw BrickworksException.invalidParameter(
                    "lifetime_seconds " + seconds + " is over the maximum token lifetime of " + max + " seconds");
        }
        long lifetime = seconds > 0 ? seconds : max;
        return lifetime > 0 ? expiryAfter(now, lifetime) : -1L;
    }

    private static boolean active(Connection c, long userId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT active FROM users WHERE id = ?")) {
            s.setLong(1, userId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }

    @Override
    public CreatedToken createOnBehalfOf(String caller, String applicationId, String comment,
            Optional<Long> lifetimeSeconds) {
        store.transaction(c -> {
            Directory.requireAdmin(c, caller);
            try (PreparedStatement s = c
                    .prepareStatement("SELECT id FROM users WHERE user_name = ? AND kind = 'SERVICE_PRINCIPAL'")) {
                s.setString(1, applicationId == null ? "" : applicationId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw BrickworksException
                                .notFound("No service principal has application_id " + applicationId);
                    }
                }
            }
            return null;
        });
        return create(applicationId, comment, lifetimeSeconds);
    }

    @Override
    public TokenInfo get(String tokenId) {
        return store.transaction(c -> query(c, SELECT_INFO + " AND t.token_id = ?", tokenId)).stream().findFirst()
                .orElseThrow(() -> BrickworksException.notFound("Token " + tokenId + " does not exist"));
    }

    /** Saturates at the far future: {@code seconds * 1000} must not wrap around into a past or negative time. */
    private static long expiryAfter(long now, long seconds) {
        return seconds > (Long.MAX_VALUE - now) / 1000 ? Long.MAX_VALUE : now + seconds * 1000;
    }

    @Override
    public List<TokenInfo> list(String userName) {
        return store.transaction(c -> query(c, SELECT_INFO + " AND u.user_name = ? ORDER BY t.created_at", userName));
    }

    @Override
    public List<TokenInfo> listAll() {
        return store.transaction(c -> query(c, SELECT_INFO + " ORDER BY t.created_at"));
    }

    @Override
    public void revoke(String userName, String tokenId) {
        int revoked = store.transaction(c -> {
            boolean admin = Directory.isActiveAdmin(c, userName);
            try (PreparedStatement s = c
                    .prepareStatement("UPDATE tokens SET revoked_at = ? WHERE token_id = ?" + " AND revoked_at IS NULL"
                            + (admin ? "" : " AND user_id = (SELECT id FROM users WHERE user_name = ?)"))) {
                s.setLong(1, System.currentTimeMillis());
                s.setString(2, tokenId);
                if (!admin) {
                    s.setString(3, userName);
                }
                return s.executeUpdate();
            }
        });
        if (revoked == 0) {
            throw BrickworksException.notFound("Token " + tokenId + " does not exist");
        }
    }

    @Override
    public User authenticate(String tokenValue) {
        if (tokenValue == null || tokenValue.isBlank()) {
            throw BrickworksException.unauthenticated("No access token given");
        }
        return store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT t.expires_at, t.revoked_at, u.id, u.user_name,"
                    + " u.display_name, u.is_admin, u.created_at, u.active FROM tokens t JOIN users u ON u.id = t.user_id"
                    + " WHERE t.token_hash = ?")) {
                s.setString(1, TokenValues.hash(tokenValue));
                try (ResultSet r = s.executeQuery()) {
                    return checkedUser(r);
                }
            }
        });
    }

    private static User checkedUser(ResultSet r) throws SQLException {
        if (!r.next()) {
            throw BrickworksException.unauthenticated("Invalid access token");
        }
        r.getLong(2);
        if (!r.wasNull()) {
            throw BrickworksException.unauthenticated("The access token has been revoked");
        }
        long expiry = r.getLong(1);
        if (expiry >= 0 && expiry <= System.currentTimeMillis()) {
            throw BrickworksException.unauthenticated("The access token has expired");
        }
        if (!r.getBoolean(8)) {
            throw BrickworksException.unauthenticated("The access token's user " + r.getString(4) + " is disabled");
        }
        return new User(r.getLong(3), r.getString(4), r.getString(5), r.getBoolean(6),
                Instant.ofEpochMilli(r.getLong(7)));
    }

    private static List<TokenInfo> query(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            List<TokenInfo> tokens = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    tokens.add(
                            new TokenInfo(r.getString(1), r.getString(2), r.getString(3), r.getLong(4), r.getLong(5)));
                }
            }
            return tokens;
        }
    }
}
