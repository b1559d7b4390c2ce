package org.brickworks.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.lang.reflect.Proxy;
import java.util.Base64;
import java.util.Set;

import org.brickworks.rest.api.ApiDispatcher;
import org.brickworks.rest.api.RestCaller;
import org.brickworks.security.api.UserService;
import org.brickworks.security.api.dto.User;
import org.junit.jupiter.api.Test;
import org.osgi.service.servlet.context.ServletContextHelper;

/** The {@code brickworks} context's authentication, before any servlet of it runs. */
class BrickworksContextTest {
    private static final User ALICE = RecordingTokenService.user("alice", false);

    private static final User BOB = RecordingTokenService.user("bob", false);

    private final RecordingTokenService tokens = new RecordingTokenService();
    /** The users service, as far as the context asks it: alice may use the workspace, bob may not. */
    private final UserService users = (UserService) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] { UserService.class }, (proxy, method, args) -> {
                if (!method.getName().equals("entitlementsOf")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                return "alice".equals(args[0]) ? Set.of("workspace-access") : Set.of();
            });
    private final BrickworksContext context = new BrickworksContext(tokens, users, 1024);

    BrickworksContextTest() {
        tokens.logins.put("dapi-alice", ALICE);
        tokens.logins.put("dapi-bob", BOB);
    }

    @Test
    void withoutWorkspaceAccessOnlyMeAndTokensAnswer() throws Exception {
        for (String path : new String[] { "/api/2.0/preview/scim/v2/Me", "/api/2.0/token/list" }) {
            HttpCall call = HttpCall.get(path).header("Authorization", "Bearer dapi-bob");
            assertThat(context.handleSecurity(call.request(), call.response())).isTrue();
        }
        HttpCall refused = HttpCall.get("/api/2.0/acme/x").header("Authorization", "Bearer dapi-bob");
        assertThat(context.handleSecurity(refused.request(), refused.response())).isFalse();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("error_code").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(refused.json().path("message").asText()).contains("workspace-access");
    }

    @Test
    void aBearerTokenSetsTheRemoteUserTheCallerAndTheDispatcher() throws Exception {
        HttpCall call = HttpCall.get("/api/2.0/acme/x").header("Authorization", "Bearer dapi-alice");

        assertThat(context.handleSecurity(call.request(), call.response())).isTrue();
        assertThat(call.attribute(ServletContextHelper.REMOTE_USER)).isEqualTo("alice");
        assertThat(call.attribute(ServletContextHelper.AUTHENTICATION_TYPE)).isEqualTo("Bearer");
        assertThat(call.attribute(RestCaller.ATTRIBUTE)).isEqualTo(ALICE);
        assertThat(call.attribute(ApiDispatcher.ATTRIBUTE)).isInstanceOf(RestDispatcher.class);
    }

    @Test
    void basicTakesTheTokenAsPasswordForUserTokenOrItsOwner() throws Exception {
        for (String user : new String[] { "token", "alice" }) {
            HttpCall call = HttpCall.get("/api/2.0/acme/x").header("Authorization", basic(user, "dapi-alice"));

            assertThat(context.handleSecurity(call.request(), call.response())).isTrue();
            assertThat(call.attribute(ServletContextHelper.AUTHENTICATION_TYPE)).isEqualTo("BASIC");
            assertThat(call.attribute(RestCaller.ATTRIBUTE)).isEqualTo(ALICE);
        }
    }

    @Test
    void missingWrongAndForeignCredentialsAreUnauthenticatedJson() throws Exception {
        assertRefused(HttpCall.get("/api/2.0/acme/x"),
                "Missing Authorization header: send 'Authorization: Bearer <personal access token>'");
        assertRefused(HttpCall.get("/api/2.0/acme/x").header("Authorization", "Bearer dapi-nobody"),
                "Invalid access token");
        assertRefused(HttpCall.get("/api/2.0/acme/x").header("Authorization", basic("bob", "dapi-alice")),
                "The access token does not belong to user bob");
        assertRefused(HttpCall.get("/api/2.0/acme/x").header("Authorization", "Digest x"),
                "Unsupported Authorization scheme: use Bearer <personal access token>");
    }

    private void assertRefused(HttpCall call, String message) throws Exception {
        assertThat(context.handleSecurity(call.request(), call.response())).isFalse();
        assertThat(call.status()).isEqualTo(401);
        assertThat(call.json().path("error_code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(call.json().path("message").asText()).isEqualTo(message);
        assertThat(call.attribute(RestCaller.ATTRIBUTE)).isNull();
        assertThat(call.attribute(ServletContextHelper.REMOTE_USER)).isNull();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
