package org.brickworks.agent.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.brickworks.agent.testing.TokenAuthServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectTokenVerifierTest {

    private static final Duration CACHE = Duration.ofSeconds(60);

    private final AtomicLong clock = new AtomicLong(1_000);
    private final TokenAuthServer auth;

    ConnectTokenVerifierTest() throws Exception {
        auth = new TokenAuthServer("dapi-alice");
    }

    @AfterEach
    void stopAuthServer() {
        auth.close();
    }

    private ConnectTokenVerifier verifier(Optional<URI> authUrl) {
        return new ConnectTokenVerifier("s3cret", authUrl, CACHE, clock::get);
    }

    @Test
    void acceptsTheSecretWithoutAskingTheAuthUrl() {
        ConnectTokenVerifier verifier = verifier(Optional.of(auth.url()));

        assertThat(verifier.accepts("s3cret")).isTrue();
        assertThat(auth.authorizations()).isEmpty();
    }

    @Test
    void withoutAnAuthUrlOnlyTheSecretIsAccepted() {
        ConnectTokenVerifier verifier = verifier(Optional.empty());

        assertThat(verifier.accepts("s3cret")).isTrue();
        assertThat(verifier.accepts("dapi-alice")).isFalse();
        assertThat(verifier.accepts("s3cre")).isFalse();
        assertThat(verifier.accepts("")).isFalse();
        assertThat(verifier.accepts(null)).isFalse();
    }

    @Test
    void aContextTokenIsAcceptedWhileItsContextLivesWithoutAskingTheAuthUrl() {
        ConnectTokenVerifier verifier = verifier(Optional.of(auth.url()));
        String token = ContextTokens.issue();

        assertThat(token).startsWith(ContextTokens.PREFIX).isNotEqualTo(ContextTokens.issue());
        assertThat(verifier.accepts(token)).isTrue();
        assertThat(auth.authorizations()).isEmpty();
        ContextTokens.revoke(token);
        assertThat(ContextTokens.live(token)).isFalse();
    }

    @Test
    void acceptsWhatTheAuthUrlAcceptsAndSendsItAsBearerToken() {
        ConnectTokenVerifier verifier = verifier(Optional.of(auth.url()));

        assertThat(verifier.accepts("dapi-alice")).isTrue();
        assertThat(verifier.accepts("dapi-mallory")).isFalse();
        assertThat(auth.authorizations()).containsExactly("Bearer dapi-alice", "Bearer dapi-mallory");
    }

    @Test
    void remembersAnAcceptedTokenForTheCachePeriodOnly() {
        ConnectTokenVerifier verifier = verifier(Optional.of(auth.url()));

        verifier.accepts("dapi-alice");
        clock.addAndGet(CACHE.toNanos() - 1);
        boolean withinPeriod = verifier.accepts("dapi-alice");
        int askedWithinPeriod = auth.authorizations().size();
        clock.addAndGet(1);
        boolean afterPeriod = verifier.accepts("dapi-alice");

        assertThat(withinPeriod).isTrue();
        assertThat(askedWithinPeriod).isEqualTo(1);
        assertThat(afterPeriod).isTrue();
        assertThat(auth.authorizations()).hasSize(2);
    }

    @Test
    void refusedTokensAreAskedAgainEachTime() {
        ConnectTokenVerifier verifier = verifier(Optional.of(auth.url()));

        verifier.accepts("dapi-mallory");
        verifier.accepts("dapi-mallory");

        assertThat(auth.authorizations()).hasSize(2);
    }

    @Test
    void anUnreachableAuthUrlAcceptsNothingButTheSecret() {
        URI unreachable = auth.url();
        auth.close();
        ConnectTokenVerifier verifier = verifier(Optional.of(unreachable));

        assertThat(verifier.accepts("dapi-alice")).isFalse();
        assertThat(verifier.accepts("s3cret")).isTrue();
    }
}
