package org.brickworks.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.brickworks.core.api.PlatformInfo;
import org.brickworks.security.api.dto.User;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The health check (open) and SCIM {@code Me} (authenticated), which clients call first. */
class PlatformResourcesTest {
    private static final Duration UP_FOR = Duration.ofMinutes(5);

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void healthAnswersStatusVersionAndUptimeWithoutACaller() {
        HealthResource health = new HealthResource(
                new TestPlatform("1.4.0", Instant.now().minus(UP_FOR), Path.of("/var/lib/brickworks")));

        JsonNode answer = HttpCall.get("/api/2.0/health").open().run(health).json();

        assertThat(answer.fieldNames()).toIterable().containsExactly("status", "version", "uptime_seconds");
        assertThat(answer.get("status").asText()).isEqualTo("OK");
        assertThat(answer.get("version").asText()).isEqualTo("1.4.0");
        assertThat(answer.get("uptime_seconds").asLong()).isBetween(UP_FOR.toSeconds(), UP_FOR.toSeconds() + 60);
    }

    @Test
    void healthAnswersTemporarilyUnavailableWhileThePlatformServiceIsAway() {
        HttpCall call = HttpCall.get("/api/2.0/health").open().run(new HealthResource(null));

        assertThat(call.status()).isEqualTo(503);
        assertThat(call.json().path("error_code").asText()).isEqualTo("TEMPORARILY_UNAVAILABLE");
    }

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

    private record TestPlatform(String version, Instant startedAt, Path dataDirectory) implements PlatformInfo {
    }
}
