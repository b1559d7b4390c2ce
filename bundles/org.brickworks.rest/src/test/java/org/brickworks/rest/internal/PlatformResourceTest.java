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

class PlatformResourceTest {
    private static final Duration UP_FOR = Duration.ofMinutes(90);

    private final ObjectMapper json = new ObjectMapper();
    private final PlatformResource resource = new PlatformResource(
            new TestPlatform("1.4.0", Instant.now().minus(UP_FOR), Path.of("/var/lib/brickworks")), json);

    @Test
    void onlyTheHealthCheckIsOpen() {
        assertThat(resource.routes()).filteredOn(route -> !route.authenticated()).extracting(Route::key)
                .containsExactly("GET health");
        assertThat(resource.routes()).extracting(Route::key).contains("GET preview/scim/v2/Me");
    }

    @Test
    void healthAnswersStatusVersionAndUptime() throws Exception {
        JsonNode health = (JsonNode) call("GET health", null);

        assertThat(health.fieldNames()).toIterable().containsExactly("status", "version", "uptime_seconds");
        assertThat(health.get("status").asText()).isEqualTo("OK");
        assertThat(health.get("version").asText()).isEqualTo("1.4.0");
        assertThat(health.get("uptime_seconds").asLong()).isBetween(UP_FOR.toSeconds(), UP_FOR.toSeconds() + 60);
    }

    @Test
    void meDescribesAnAdminAsScimUserInTheAdminsGroup() throws Exception {
        User admin = new User(1, "admin", "Administrator", true, Instant.EPOCH);

        Object me = call("GET preview/scim/v2/Me", admin);

        assertThat(me).isEqualTo(json.readTree("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                 "id": "1", "userName": "admin", "displayName": "Administrator", "active": true,
                 "emails": [{"value": "admin", "type": "work", "primary": true}],
                 "groups": [{"display": "admins", "value": "admins"}]}
                """));
    }

    @Test
    void meGivesAnOrdinaryUserNoGroups() throws Exception {
        User alice = new User(42, "alice@example.com", "Alice", false, Instant.EPOCH);

        JsonNode me = (JsonNode) call("GET preview/scim/v2/Me", alice);

        assertThat(me.get("id").isTextual()).isTrue();
        assertThat(me.get("id").asText()).isEqualTo("42");
        assertThat(me.get("userName").asText()).isEqualTo("alice@example.com");
        assertThat(me.get("groups").isArray()).isTrue();
        assertThat(me.get("groups")).isEmpty();
    }

    private Object call(String key, User caller) throws Exception {
        Route route = resource.routes().stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow();
        // as a client reads it back, so numbers compare by value whatever node type built them
        return json.readTree(json.writeValueAsBytes(route.handler().handle(new ApiRequest(caller, null))));
    }

    private record TestPlatform(String version, Instant startedAt, Path dataDirectory) implements PlatformInfo {
    }
}
