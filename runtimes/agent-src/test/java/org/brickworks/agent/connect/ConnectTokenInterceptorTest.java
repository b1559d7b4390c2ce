package org.brickworks.agent.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ConnectTokenInterceptorTest {

    private final ConnectTokenInterceptor interceptor = new ConnectTokenInterceptor(
            new ConnectTokenVerifier("s3cret", Optional.empty(), Duration.ofSeconds(60), System::nanoTime));

    @Test
    void letsABearerSecretThrough() {
        assertThat(interceptor.refusal("Bearer s3cret")).isNull();
        assertThat(interceptor.refusal("bearer s3cret")).isNull();
    }

    @Test
    void refusesAMissingOrNonBearerHeaderAskingForAToken() {
        assertThat(interceptor.refusal(null)).contains("authorization: Bearer <token>", "x-brickworks-token");
        assertThat(interceptor.refusal("Basic s3cret")).contains("authorization: Bearer <token>");
        assertThat(interceptor.refusal("s3cret")).contains("authorization: Bearer <token>");
    }

    @Test
    void refusesAWrongTokenWithoutEchoingIt() {
        String refusal = interceptor.refusal("Bearer s3cretx");

        assertThat(refusal).contains("not accepted").doesNotContain("s3cret");
        assertThat(interceptor.refusal("Bearer ")).contains("not accepted");
    }

    @Test
    void sparksNoArgumentConstructorNeedsTheAgentsVerifier() {
        ConnectAuthentication.install(null);

        assertThatThrownBy(ConnectTokenInterceptor::new).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("--connect-port");
    }
}
