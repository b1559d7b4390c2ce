package org.brickworks.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Predicate;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ScimFilterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<JsonNode> users = List.of(
            json("{\"id\": \"1\", \"userName\": \"admin\", \"active\": true, \"emails\": [{\"value\": \"admin\"}]}"),
            json("{\"id\": \"2\", \"userName\": \"Alice@example.com\", \"active\": false,"
                    + " \"name\": {\"givenName\": \"Alice\"}, \"groups\": [{\"value\": \"7\"}]}"),
            json("{\"id\": \"3\", \"userName\": \"bob@example.com\", \"active\": true}"));

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> ids(String filter) {
        Predicate<JsonNode> test = ScimFilter.parse(filter);
        return users.stream().filter(test).map(u -> u.get("id").asText()).toList();
    }

    @Test
    void comparesLikeDatabricksIgnoringCase() {
        assertThat(ids("userName eq \"alice@example.com\"")).containsExactly("2");
        assertThat(ids("USERNAME ne \"admin\"")).containsExactly("2", "3");
        assertThat(ids("userName co \"example\"")).containsExactly("2", "3");
        assertThat(ids("userName sw \"b\"")).containsExactly("3");
        assertThat(ids("name.givenName eq \"alice\"")).containsExactly("2");
        assertThat(ids("groups.value eq \"7\"")).containsExactly("2");
        assertThat(ids("active eq true")).containsExactly("1", "3");
        assertThat(ids("emails pr")).containsExactly("1");
    }

    @Test
    void combinesWithAndOrNotAndParentheses() {
        assertThat(ids("userName co \"example\" and active eq true")).containsExactly("3");
        assertThat(ids("userName eq \"admin\" or id eq \"3\"")).containsExactly("1", "3");
        assertThat(ids("not (active eq true)")).containsExactly("2");
        assertThat(ids("(userName eq \"admin\" or id eq \"2\") and active eq true")).containsExactly("1");
        assertThat(ids("")).containsExactly("1", "2", "3");
    }

    @Test
    void refusesWhatDoesNotParseNamingTheFilter() {
        for (String bad : List.of("userName", "userName eq", "userName xx \"a\"", "(userName eq \"a\"",
                "userName eq \"a", "userName eq \"a\" and")) {
            assertThatThrownBy(() -> ScimFilter.parse(bad)).as(bad).isInstanceOfSatisfying(BrickworksException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
                    .hasMessageContaining("filter");
        }
    }
}
