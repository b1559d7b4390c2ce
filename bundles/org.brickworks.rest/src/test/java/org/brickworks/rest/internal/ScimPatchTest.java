package org.brickworks.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.brickworks.core.api.BrickworksException;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class ScimPatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode patch(String resource, String operations) throws Exception {
        return ScimPatch.apply((ObjectNode) JSON.readTree(resource), JSON.readTree(
                "{\"schemas\": [\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"], \"Operations\": " + operations
                        + "}"));
    }

    @Test
    void addAppendsMembersItDoesNotHoldYet() throws Exception {
        ObjectNode group = patch("{\"displayName\": \"g\", \"members\": [{\"value\": \"1\"}]}",
                "[{\"op\": \"add\", \"path\": \"members\", \"value\": [{\"value\": \"1\"}, {\"value\": \"2\"}]}]");

        assertThat(group.get("members")).hasSize(2);
        assertThat(group.at("/members/1/value").asText()).isEqualTo("2");
    }

    @Test
    void removeTakesAFilterPathOrValues() throws Exception {
        String group = "{\"members\": [{\"value\": \"1\"}, {\"value\": \"2\"}, {\"value\": \"3\"}]}";

        assertThat(patch(group, "[{\"op\": \"remove\", \"path\": \"members[value eq \\\"2\\\"]\"}]").get("members"))
                .extracting(m -> m.get("value").asText()).containsExactly("1", "3");
        assertThat(patch(group, "[{\"op\": \"remove\", \"path\": \"members\", \"value\": [{\"value\": \"3\"}]}]")
                .get("members")).extracting(m -> m.get("value").asText()).containsExactly("1", "2");
        assertThat(patch(group, "[{\"op\": \"remove\", \"path\": \"members\"}]").has("members")).isFalse();
    }

    @Test
    void replaceSetsAttributesWithOrWithoutAPath() throws Exception {
        ObjectNode user = patch("{\"userName\": \"a\", \"active\": true, \"name\": {\"givenName\": \"A\"}}",
                "[{\"op\": \"Replace\", \"path\": \"active\", \"value\": false},"
                        + " {\"op\": \"replace\", \"value\": {\"displayName\": \"Ada\"}},"
                        + " {\"op\": \"replace\", \"path\": \"name.familyName\", \"value\": \"Lovelace\"}]");

        assertThat(user.get("active").asBoolean()).isFalse();
        assertThat(user.get("displayName").asText()).isEqualTo("Ada");
        assertThat(user.at("/name/givenName").asText()).isEqualTo("A");
        assertThat(user.at("/name/familyName").asText()).isEqualTo("Lovelace");
    }

    @Test
    void refusesUnknownOperationsAndMissingOperations() {
        assertThatThrownBy(() -> patch("{}", "[{\"op\": \"move\", \"path\": \"a\"}]"))
                .isInstanceOf(BrickworksException.class).hasMessageContaining("Operations.op");
        assertThatThrownBy(() -> ScimPatch.apply(JSON.createObjectNode(), JSON.createObjectNode()))
                .isInstanceOf(BrickworksException.class).hasMessageContaining("Operations");
    }
}
