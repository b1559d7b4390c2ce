package org.brickworks.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import org.assertj.core.api.AbstractThrowableAssert;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.security.api.dto.CreatedToken;
import org.brickworks.security.api.dto.TokenInfo;
import org.brickworks.security.api.dto.User;
import org.brickworks.test.support.H2TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTokenServiceTest {
    @TempDir
    Path data;

    private H2TestStore store;
    private StoreTokenService tokens;

    @BeforeEach
    void startServices() {
        store = new H2TestStore(data);
        StoreUserService users = new StoreUserService(store);
        users.ensureAdmin();
        store.update(
                "INSERT INTO users (user_name, display_name, is_admin, created_at) VALUES ('alice', 'Alice', FALSE, 0)");
        store.update(
                "INSERT INTO users (user_name, display_name, is_admin, created_at) VALUES ('bob', 'Bob', FALSE, 0)");
        tokens = new StoreTokenService(users);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void createsTokenThatAuthenticatesItsOwner() {
        CreatedToken created = tokens.create("alice", "laptop", Optional.empty());

        User owner = tokens.authenticate(created.tokenValue());

        assertThat(created.tokenValue()).matches("dapi[0-9a-f]{32}");
        assertThat(owner.userName()).isEqualTo("alice");
        assertThat(owner.admin()).isFalse();
        assertThat(created.info().userName()).isEqualTo("alice");
        assertThat(created.info().comment()).isEqualTo("laptop");
        assertThat(created.info().expiryTime()).isEqualTo(-1);
    }

    @Test
    void createsDistinctTokensEachTime() {
        CreatedToken first = tokens.create("alice", "", Optional.empty());
        CreatedToken second = tokens.create("alice", "", Optional.empty());

        assertThat(second.tokenValue()).isNotEqualTo(first.tokenValue());
        assertThat(second.info().tokenId()).isNotEqualTo(first.info().tokenId());
    }

    @Test
    void storesOnlyTheHashOfTheValue() throws NoSuchAlgorithmException {
        CreatedToken created = tokens.create("alice", null, Optional.empty());
        String expectedHash = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(created.tokenValue().getBytes(StandardCharsets.UTF_8)));

        Object storedHash = store.queryValue("SELECT token_hash FROM tokens WHERE token_id = ?",
                created.info().tokenId());

        assertThat(storedHash).isEqualTo(expectedHash).isNotEqualTo(created.tokenValue());
        assertThat(
                store.queryValue("SELECT COUNT(*) FROM tokens WHERE token_id = ?1 OR token_hash = ?1 OR comment = ?1",
                        created.tokenValue()))
                .isEqualTo(0L);
        assertThat(created.info().comment()).isEmpty();
    }

    @Test
    void createForUnknownUserIsResourceDoesNotExist() {
        assertThatThrownBy(() -> tokens.create("nobody", "", Optional.empty())).isInstanceOfSatisfying(
                BrickworksException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
        assertThat(store.queryValue("SELECT COUNT(*) FROM tokens")).isEqualTo(0L);
    }

    @Test
    void tokenWithLifetimeExpiresAfterIt() {
        CreatedToken created = tokens.create("alice", "short", Optional.of(1L));
        assertThat(created.info().expiryTime()).isEqualTo(created.info().creationTime() + 1000);
        assertThat(tokens.authenticate(created.tokenValue()).userName()).isEqualTo("alice");

        store.update("UPDATE tokens SET expires_at = ? WHERE token_id = ?", System.currentTimeMillis() - 1,
                created.info().tokenId());

        assertUnauthenticated(created.tokenValue()).hasMessageContaining("expired");
    }

    @Test
    void nonPositiveLifetimeMeansTheTokenNeverExpires() {
        assertThat(tokens.create("alice", "", Optional.of(0L)).info().expiryTime()).isEqualTo(-1);
        assertThat(tokens.create("alice", "", Optional.of(-5L)).info().expiryTime()).isEqualTo(-1);
    }

    @Test
    void hugeLifetimeDoesNotOverflowIntoAnEarlyOrNegativeExpiry() {
        // 2^64 / 1000 rounded up: multiplied by 1000 it wraps around to a few hundred milliseconds
        CreatedToken created = tokens.create("alice", "", Optional.of(18_446_744_073_709_552L));
        CreatedToken longest = tokens.create("alice", "", Optional.of(Long.MAX_VALUE));

        assertThat(created.info().expiryTime()).isGreaterThan(created.info().creationTime() + 1_000_000_000_000L);
        assertThat(longest.info().expiryTime()).isGreaterThan(longest.info().creationTime() + 1_000_000_000_000L);
        // Long.MAX_VALUE * 1000 wraps around to -1000: a token that had expired before it was created
        assertThat(tokens.authenticate(longest.tokenValue()).userName()).isEqualTo("alice");
    }

    @Test
    void revokedTokenNoLongerAuthenticatesNorIsListed() {
        CreatedToken created = tokens.create("alice", "", Optional.empty());

        tokens.revoke("alice", created.info().tokenId());

        assertUnauthenticated(created.tokenValue()).hasMessageContaining("revoked");
        assertThat(tokens.list("alice")).isEmpty();
        assertThat(tokens.listAll()).isEmpty();
    }

    @Test
    void unknownOrMissingValueDoesNotAuthenticate() {
        String unknown = "dapi0123456789abcdef0123456789abcdef";

        assertUnauthenticated(unknown).hasMessageContaining("Invalid").hasMessageNotContaining(unknown);
        assertUnauthenticated("").hasMessageContaining("No access token");
        assertUnauthenticated(null).hasMessageContaining("No access token");
    }

    @Test
    void listShowsOneUsersTokensAndListAllEveryones() {
        CreatedToken adminToken = tokens.create("admin", "admin's", Optional.empty());
        CreatedToken aliceOld = tokens.create("alice", "old", Optional.empty());
        CreatedToken aliceNew = tokens.create("alice", "new", Optional.of(60L));
        store.update("UPDATE tokens SET created_at = 100 WHERE token_id = ?", adminToken.info().tokenId());
        store.update("UPDATE tokens SET created_at = 200 WHERE token_id = ?", aliceOld.info().tokenId());
        store.update("UPDATE tokens SET created_at = 300 WHERE token_id = ?", aliceNew.info().tokenId());

        assertThat(tokens.list("alice")).extracting(TokenInfo::tokenId).containsExactly(aliceOld.info().tokenId(),
                aliceNew.info().tokenId());
        assertThat(tokens.list("bob")).isEmpty();
        assertThat(tokens.listAll()).extracting(TokenInfo::tokenId, TokenInfo::userName).containsExactly(
                tuple(adminToken.info().tokenId(), "admin"), tuple(aliceOld.info().tokenId(), "alice"),
                tuple(aliceNew.info().tokenId(), "alice"));
        assertThat(tokens.list("alice").get(1))
                .isEqualTo(new TokenInfo(aliceNew.info().tokenId(), "alice", "new", 300, aliceNew.info().expiryTime()));
    }

    @Test
    void anotherNonAdminUserCannotRevokeAToken() {
        CreatedToken alices = tokens.create("alice", "", Optional.empty());

        assertThatThrownBy(() -> tokens.revoke("bob", alices.info().tokenId())).isInstanceOfSatisfying(
                BrickworksException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));

        assertThat(tokens.authenticate(alices.tokenValue()).userName()).isEqualTo("alice");
    }

    @Test
    void adminCanRevokeAnyonesToken() {
        CreatedToken alices = tokens.create("alice", "", Optional.empty());

        tokens.revoke("admin", alices.info().tokenId());

        assertUnauthenticated(alices.tokenValue()).hasMessageContaining("revoked");
    }

    @Test
    void revokingAnUnknownOrAlreadyRevokedTokenIsResourceDoesNotExist() {
        CreatedToken created = tokens.create("alice", "", Optional.empty());
        tokens.revoke("alice", created.info().tokenId());

        assertThatThrownBy(() -> tokens.revoke("alice", created.info().tokenId())).isInstanceOfSatisfying(
                BrickworksException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
        assertThatThrownBy(() -> tokens.revoke("admin", "no-such-token")).isInstanceOfSatisfying(
                BrickworksException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertUnauthenticated(String value) {
        return assertThatThrownBy(() -> tokens.authenticate(value)).isInstanceOfSatisfying(BrickworksException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNAUTHENTICATED));
    }
}
