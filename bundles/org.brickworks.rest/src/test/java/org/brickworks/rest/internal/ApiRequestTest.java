package org.brickworks.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.security.api.dto.User;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class ApiRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void requiredStringReturnsTheText() {
        assertThat(request("{\"token_id\": \"abc\"}").requiredString("token_id")).isEqualTo("abc");
    }

    @Test
    void missingRequiredFieldNamesTheField() {
        assertInvalid(() -> request("{\"comment\": \"x\"}").requiredString("token_id"))
                .hasMessage("Missing required field: token_id");
        assertInvalid(() -> request("{\"token_id\": null}").requiredString("token_id"))
                .hasMessage("Missing required field: token_id");
        assertInvalid(() -> new ApiRequest(null, null).requiredString("token_id"))
                .hasMessage("Missing required field: token_id");
    }

    @Test
    void stringFieldOfAnotherTypeNamesFieldAndTypes() {
        assertInvalid(() -> request("{\"comment\": 42}").optionalString("comment"))
                .hasMessage("Invalid value for comment: expected a string, got number");
        assertInvalid(() -> request("{\"comment\": [\"a\"]}").optionalString("comment"))
                .hasMessage("Invalid value for comment: expected a string, got array");
    }

    @Test
    void absentOptionalFieldsAreEmpty() {
        ApiRequest request = request("{\"comment\": null}");

        assertThat(request.optionalString("comment")).isEmpty();
        assertThat(request.optionalLong("lifetime_seconds")).isEmpty();
    }

    @Test
    void integerFieldAcceptsJsonNumbersAndQueryStringText() {
        assertThat(request("{\"lifetime_seconds\": 3600}").optionalLong("lifetime_seconds")).contains(3600L);
        assertThat(request("{\"lifetime_seconds\": \"3600\"}").optionalLong("lifetime_seconds")).contains(3600L);
        assertThat(request("{\"lifetime_seconds\": \"-1\"}").optionalLong("lifetime_seconds")).contains(-1L);
        assertThat(request("{\"n\": 9223372036854775807}").optionalLong("n")).contains(Long.MAX_VALUE);
    }

    @Test
    void integerFieldRejectsFractionsTextAndOverflow() {
        assertInvalid(() -> request("{\"lifetime_seconds\": 1.5}").optionalLong("lifetime_seconds"))
                .hasMessage("Invalid value for lifetime_seconds: expected an integer, got number");
        assertInvalid(() -> request("{\"lifetime_seconds\": \"1h\"}").optionalLong("lifetime_seconds"))
                .hasMessage("Invalid value for lifetime_seconds: expected an integer, got string");
        assertInvalid(
                () -> request("{\"lifetime_seconds\": \"99999999999999999999\"}").optionalLong("lifetime_seconds"))
                        .hasMessageContaining("expected an integer");
        assertInvalid(() -> request("{\"lifetime_seconds\": 99999999999999999999}").optionalLong("lifetime_seconds"))
                .hasMessageContaining("expected an integer");
        assertInvalid(() -> request("{\"lifetime_seconds\": true}").optionalLong("lifetime_seconds"))
                .hasMessage("Invalid value for lifetime_seconds: expected an integer, got boolean");
    }

    @Test
    void unknownFieldsAreIgnored() {
        ApiRequest request = request("{\"comment\": \"ci\", \"unknown\": {\"nested\": true}, \"other\": 1}");

        assertThat(request.optionalString("comment")).contains("ci");
        assertThat(request.optionalLong("lifetime_seconds")).isEmpty();
    }

    @Test
    void keepsTheCaller() {
        User alice = new User(2, "alice", "Alice", false, Instant.EPOCH);

        assertThat(new ApiRequest(alice, null).caller()).isSameAs(alice);
        assertThat(new ApiRequest(null, null).caller()).isNull();
    }

    private static ApiRequest request(String body) {
        try {
            return new ApiRequest(null, (ObjectNode) JSON.readTree(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(body, e);
        }
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(ThrowingCallable call) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(BrickworksException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
    }
}
