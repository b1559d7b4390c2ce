package org.brickworks.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerAuthenticatorTest {

    private final BearerAuthenticator authenticator = new BearerAuthenticator("s3cret");

    @Test
    void acceptsOnlyTheExactBearerSecret() {
        assertThat(authenticator.accepts("Bearer s3cret")).isTrue();
        assertThat(authenticator.accepts(null)).isFalse();
        assertThat(authenticator.accepts("")).isFalse();
        assertThat(authenticator.accepts("s3cret")).isFalse();
        assertThat(authenticator.accepts("Bearer s3cre")).isFalse();
        assertThat(authenticator.accepts("Bearer s3cret ")).isFalse();
        assertThat(authenticator.accepts("Basic s3cret")).isFalse();
    }
}
