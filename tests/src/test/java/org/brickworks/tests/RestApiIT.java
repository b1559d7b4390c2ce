package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpRequest;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/** The REST API over real HTTP: Token API 2.0, SCIM Me, health, and every kind of bad input. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RestApiIT extends PlatformTestSupport {
    @Test
    public void healthAnswersWithoutToken() throws Exception {
        Answer health = get("/api/2.0/health", null);
        assertEquals(200, health.status());
        assertEquals("OK", health.body().path("status").asText());
    }

    @Test
    public void createdTokenAuthenticatesListsAndIsDeleted() throws Exception {
        Answer created = post("/api/2.0/token/create", admin, "{\"comment\":\"ci\",\"lifetime_seconds\":3600}");
        assertEquals(200, created.status());
        String value = created.body().path("token_value").asText();
        String id = created.body().path("token_info").path("token_id").asText();
        assertTrue(value.startsWith("dapi"));
        assertEquals("ci", created.body().path("token_info").path("comment").asText());
        assertTrue(created.body().path("token_info").path("expiry_time").asLong() > System.currentTimeMillis());

        Answer listed = get("/api/2.1/token/list", value);
        assertEquals(200, listed.status());
        assertTrue(ids(listed.body()).contains(id));

        assertEquals(200, post("/api/2.0/token/delete", value, "{\"token_id\":\"" + id + "\"}").status());
        Answer afterRevoke = get("/api/2.0/token/list", value);
        assertEquals(401, afterRevoke.status());
        assertEquals("UNAUTHENTICATED", afterRevoke.errorCode());
        assertTrue(afterRevoke.body().path("message").asText().contains("revoked"));
    }

    @Test
    public void meAnswersTheCaller() throws Exception {
        Answer me = get("/api/2.0/preview/scim/v2/Me", admin);
        assertEquals(200, me.status());
        assertEquals("admin", me.body().path("userName").asText());
    }

    @Test
    public void jsonIsAcceptedWhateverTheContentType() throws Exception {
        HttpRequest request = request("/api/2.0/token/create", admin).header("Content-Type", "text/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"comment\":\"old client\"}")).build();
        assertEquals(200, send(request).status());
    }

    @Test
    public void badCredentialsAreRefused() throws Exception {
        assertError(get("/api/2.0/token/list", null), 401, "UNAUTHENTICATED");
        assertError(get("/api/2.0/token/list", "dapi00000000000000000000000000000000"), 401, "UNAUTHENTICATED");
        String expiring = post("/api/2.0/token/create", admin, "{\"lifetime_seconds\":1}").body().path("token_value")
                .asText();
        await("the token to expire", () -> {
            try {
                return get("/api/2.0/token/list", expiring).status() == 401;
            } catch (Exception e) {
                return false;
            }
        });
        Answer expired = get("/api/2.0/token/list", expiring);
        assertTrue(expired.body().path("message").asText().contains("expired"));
    }

    @Test
    public void badInputIsRefusedAndWritesNothing() throws Exception {
        int before = ids(get("/api/2.0/token/list", admin).body()).size();
        assertError(post("/api/2.0/token/create", admin, "{\"comment\":"), 400, "MALFORMED_REQUEST");
        assertError(post("/api/2.0/token/create", admin, "[1,2]"), 400, "MALFORMED_REQUEST");
        assertError(post("/api/2.0/token/create", admin, "{\"lifetime_seconds\":\"soon\"}"), 400,
                "INVALID_PARAMETER_VALUE");
        assertError(post("/api/2.0/token/create", admin, "{\"comment\":42}"), 400, "INVALID_PARAMETER_VALUE");
        assertError(post("/api/2.0/token/create", admin, "{\"comment\":\"" + "x".repeat(11 * 1024 * 1024) + "\"}"), 413,
                "REQUEST_LIMIT_EXCEEDED");
        Answer missing = post("/api/2.0/token/delete", admin, "{}");
        assertError(missing, 400, "INVALID_PARAMETER_VALUE");
        assertTrue(missing.body().path("message").asText().contains("token_id"));
        assertError(post("/api/2.0/token/delete", admin, "{\"token_id\":\"nope\"}"), 404, "RESOURCE_DOES_NOT_EXIST");
        assertEquals(before, ids(get("/api/2.0/token/list", admin).body()).size());
    }

    @Test
    public void unknownAndTraversingPathsAreJsonErrors() throws Exception {
        assertError(get("/api/2.0/clusters/nothing", admin), 404, "ENDPOINT_NOT_FOUND");
        assertError(get("/api/2.0/token/%2e%2e/token/list", admin), 400, "MALFORMED_REQUEST");
        assertError(get("/api/2.0/token/..%2F..%2Fetc/passwd", admin), 400, "MALFORMED_REQUEST");
        assertError(get("/etc/passwd", admin), 404, "ENDPOINT_NOT_FOUND");
    }

    private static void assertError(Answer answer, int status, String errorCode) {
        assertEquals(answer.body().toString(), status, answer.status());
        assertEquals(answer.body().toString(), errorCode, answer.errorCode());
        assertTrue(answer.body().path("message").asText().length() > 5);
    }

    private static java.util.List<String> ids(JsonNode list) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        list.path("token_infos").forEach(token -> ids.add(token.path("token_id").asText()));
        return ids;
    }
}
