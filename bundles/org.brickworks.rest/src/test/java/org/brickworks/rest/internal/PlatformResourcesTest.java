package org.brickworks.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.brickworks.security.api.dto.User;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** SCIM {@code Me} (authenticated), which clients call first; the health check is {@link HealthResourceTest}. */
class PlatformResourcesTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void meDescribesAnAdminAsScimUserInTheAdminsGroup() throws Exception {
        User admin = new User(1, "admin", "Administrator", true, Instant.EPOCH);

        JsonNode me = HttpCall.get("/api/2.0/preview/scim/v2/Me").as(admin).run(new ScimMeResource()).json();

        assertThat(me).isEqualTo(json.readTree("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                 "id": "1", "userName": "admin", "displayName": "Administrator", "active": true,
                 "emails": [{"value": "admin", "type": "work", "primary": true}],
                 "groups": [{"display": "admins", "value": "admins"}]}
                """));
    }

    @Test
    void meGivesAnOrdinaryUserNoGroups() {
        User alice = new User(42, "alice@example.com", "Alice", false, Instant.EPOCH);

        JsonNode me = HttpCall.get("/api/2.0/preview/scim/v2/Me").as(alice).run(new ScimMeResource()).json();

        assertThat(me.get("id").isTextual()).isTrue();
        assertThat(me.get("id").asText()).isEqualTo("42");
        assertThat(me.get("userName").asText()).isEqualTo("alice@example.com");
        assertThat(me.get("groups").isArray()).isTrue();
        assertThat(me.get("groups")).isEmpty();
    }
}
