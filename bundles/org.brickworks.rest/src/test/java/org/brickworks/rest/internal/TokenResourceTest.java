package org.brickworks.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.core.api.ServiceSlot;
import org.brickworks.rest.internal.RecordingTokenService.Creation;
import org.brickworks.rest.internal.RecordingTokenService.Revocation;
import org.brickworks.security.api.TokenService;
import org.brickworks.security.api.dto.TokenInfo;
import org.brickworks.security.api.dto.User;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class TokenResourceTest {
    private static final User ALICE = RecordingTokenService.user("alice", false);

    private final ObjectMapper json = new ObjectMapper();
    private final RecordingTokenService service = new RecordingTokenService();
    private final ServiceSlot<TokenService> slot = new ServiceSlot<>("token", Duration.ZERO);
    private final TokenResource resource = new TokenResource(slot, json);

    TokenResourceTest() {
        slot.bind(service);
    }

    @Test
    void offersTheTokenApiOnlyToAuthenticatedCallers() {
        assertThat(resource.routes()).extracting(Route::key).containsExactlyInAnyOrder("POST token/create",
                "GET token/list", "POST token/delete");
        assertThat(resource.routes()).allMatch(Route::authenticated);
    }

    @Test
    void createAnswersTheValueAndInfoForTheCaller() throws Exception {
        Object result = call("POST token/create", ALICE, "{\"comment\": \"ci\", \"lifetime_seconds\": 60}");

        assertThat(service.creations).containsExactly(new Creation("alice", "ci", Optional.of(60L)));
        assertThat(result).isEqualTo(json.readTree("""
                {"token_value": "dapi-value-1",
                 "token_info": {"token_id": "id-1", "creation_time": 1000000, "expiry_time": 1060000, "comment": "ci"}}
                """));
    }

    @Test
    void createWithoutParametersMakesAnUncommentedTokenThatNeverExpires() throws Exception {
        JsonNode result = (JsonNode) call("POST token/create", ALICE, null);

        assertThat(service.creations).containsExactly(new Creation("alice", "", Optional.empty()));
        assertThat(result.at("/token_info/expiry_time").asLong()).isEqualTo(-1);
        assertThat(result.at("/token_info/comment").asText()).isEmpty();
    }

    @Test
    void createRejectsAMistypedLifetimeWithoutCreatingAToken() {
        assertThatThrownBy(() -> call("POST token/create", ALICE, "{\"lifetime_seconds\": \"forever\"}"))
                .isInstanceOfSatisfying(BrickworksException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessageContaining("lifetime_seconds");
        assertThat(service.creations).isEmpty();
    }

    @Test
    void listAnswersOnlyTheCallersTokens() throws Exception {
        service.tokens.add(new TokenInfo("a1", "alice", "laptop", 10, -1));
        service.tokens.add(new TokenInfo("b1", "bob", "bob's", 20, -1));
        service.tokens.add(new TokenInfo("a2", "alice", "ci", 30, 90));

        Object result = call("GET token/list", ALICE, null);

        assertThat(result).isEqualTo(json.readTree("""
                {"token_infos": [
                  {"token_id": "a1", "creation_time": 10, "expiry_time": -1, "comment": "laptop"},
                  {"token_id": "a2", "creation_time": 30, "expiry_time": 90, "comment": "ci"}]}
                """));
    }

    @Test
    void listOfACallerWithoutTokensIsAnEmptyArray() throws Exception {
        Object result = call("GET token/list", ALICE, null);

        assertThat(result).isEqualTo(json.readTree("{\"token_infos\": []}"));
    }

    @Test
    void deleteRevokesAsTheCaller() throws Exception {
        Object result = call("POST token/delete", ALICE, "{\"token_id\": \"a1\"}");

        assertThat(result).isNull();
        assertThat(service.revocations).containsExactly(new Revocation("alice", "a1"));
    }

    @Test
    void deleteWithoutTokenIdNamesTheMissingField() {
        assertThatThrownBy(() -> call("POST token/delete", ALICE, "{}"))
                .isInstanceOfSatisfying(BrickworksException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessage("Missing required field: token_id");
        assertThat(service.revocations).isEmpty();
    }

    @Test
    void answersTemporarilyUnavailableWhileNoTokenServiceIsBound() {
        slot.unbind(service);

        assertThatThrownBy(() -> call("GET token/list", ALICE, null)).isInstanceOfSatisfying(BrickworksException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TEMPORARILY_UNAVAILABLE));
    }

    private Object call(String key, User caller, String body) throws Exception {
        Route route = resource.routes().stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow();
        Object result = route.handler()
                .handle(new ApiRequest(caller, body == null ? null : (ObjectNode) json.readTree(body)));
        return result == null ? null : written(result);
    }

    /** The result as a client reads it back, so numbers compare by value whatever node type built them. */
    private JsonNode written(Object result) throws Exception {
        return json.readTree(json.writeValueAsBytes(result));
    }
}
