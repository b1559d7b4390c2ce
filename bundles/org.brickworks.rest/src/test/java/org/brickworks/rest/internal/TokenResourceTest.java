package org.brickworks.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.brickworks.rest.internal.RecordingTokenService.Creation;
import org.brickworks.rest.internal.RecordingTokenService.Revocation;
import org.brickworks.security.api.dto.TokenInfo;
import org.brickworks.security.api.dto.User;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class TokenResourceTest {
    private static final User ALICE = RecordingTokenService.user("alice", false);

    private final ObjectMapper json = new ObjectMapper();
    private final RecordingTokenService service = new RecordingTokenService();
    private final TokenResource resource = new TokenResource(service, user -> !user.equals("mallory"));

    @Test
    void createAnswersTheValueAndInfoForTheCaller() throws Exception {
        HttpCall call = post("/api/2.0/token/create", "{\"comment\": \"ci\", \"lifetime_seconds\": 60}");

        assertThat(service.creations).containsExactly(new Creation("alice", "ci", Optional.of(60L)));
        assertThat(call.json()).isEqualTo(json.readTree("""
                {"token_value": "dapi-value-1",
                 "token_info": {"token_id": "id-1", "creation_time": 1000000, "expiry_time": 1060000, "comment": "ci"}}
                """));
    }

    @Test
    void createWithoutParametersMakesAnUncommentedTokenThatNeverExpires() {
        HttpCall call = post("/api/2.0/token/create", "");

        assertThat(service.creations).containsExactly(new Creation("alice", "", Optional.empty()));
        assertThat(call.json().at("/token_info/expiry_time").asLong()).isEqualTo(-1);
        assertThat(call.json().at("/token_info/comment").asText()).isEmpty();
    }

    @Test
    void createRejectsAMistypedLifetimeWithoutCreatingAToken() {
        HttpCall call = post("/api/2.0/token/create", "{\"lifetime_seconds\": \"forever\"}");

        assertThat(call.status()).isEqualTo(400);
        assertThat(call.json().path("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(call.json().path("message").asText()).contains("lifetime_seconds");
        assertThat(service.creations).isEmpty();
    }

    @Test
    void aUserWithoutCanUseCreatesNoToken() {
        HttpCall call = HttpCall.post("/api/2.0/token/create", "{}")
                .as(RecordingTokenService.user("mallory", false)).run(resource);

        assertThat(call.status()).isEqualTo(403);
        assertThat(call.json().path("message").asText()).contains("CAN_USE");
        assertThat(service.creations).isEmpty();
    }

    @Test
    void listAnswersOnlyTheCallersTokens() throws Exception {
        service.tokens.add(new TokenInfo("a1", "alice", "laptop", 10, -1));
        service.tokens.add(new TokenInfo("b1", "bob", "bob's", 20, -1));
        service.tokens.add(new TokenInfo("a2", "alice", "ci", 30, 90));

        assertThat(get("/api/2.0/token/list").json()).isEqualTo(json.readTree("""
                {"token_infos": [
                  {"token_id": "a1", "creation_time": 10, "expiry_time": -1, "comment": "laptop"},
                  {"token_id": "a2", "creation_time": 30, "expiry_time": 90, "comment": "ci"}]}
                """));
    }

    @Test
    void listOfACallerWithoutTokensIsAnEmptyArray() throws Exception {
        assertThat(get("/api/2.1/token/list").json()).isEqualTo(json.readTree("{\"token_infos\": []}"));
    }

    @Test
    void deleteRevokesAsTheCaller() {
        HttpCall call = post("/api/2.0/token/delete", "{\"token_id\": \"a1\"}");

        assertThat(call.json()).isEqualTo(json.createObjectNode());
        assertThat(service.revocations).containsExactly(new Revocation("alice", "a1"));
    }

    @Test
    void deleteWithoutTokenIdNamesTheMissingField() {
        HttpCall call = post("/api/2.0/token/delete", "{}");

        assertThat(call.status()).isEqualTo(400);
        assertThat(call.json().path("message").asText()).isEqualTo("Missing required field: token_id");
        assertThat(service.revocations).isEmpty();
    }

    @Test
    void answersTemporarilyUnavailableWhileNoTokenServiceIsBound() {
        HttpCall call = HttpCall.get("/api/2.0/token/list").as(ALICE).run(new TokenResource(null, user -> true));

        assertThat(call.status()).isEqualTo(503);
        assertThat(call.json().path("error_code").asText()).isEqualTo("TEMPORARILY_UNAVAILABLE");
    }

    private HttpCall get(String uri) {
        return HttpCall.get(uri).as(ALICE).run(resource);
    }

    private HttpCall post(String uri, String body) {
        return HttpCall.post(uri, body).as(ALICE).run(resource);
    }
}
