package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Secrets API over real HTTP as Databricks' clients call it (scopes, secrets, ACLs, Databricks' error codes), the
 * master key file the first start writes, and the shell's secret commands.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SecretsIT extends PlatformTestSupport {
    @Before
    public void secretsRoutesAreBound() {
        await("the Secrets API", () -> {
            try {
                return get("/api/2.0/secrets/scopes/list", admin).status() == 200;
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    public void scopesSecretsAndAclsAreServedAsDatabricksServesThem() throws Exception {
        assertEquals(200, post("/api/2.0/secrets/scopes/create", admin, "{\"scope\": \"team\"}").status());
        assertError(post("/api/2.0/secrets/scopes/create", admin, "{\"scope\": \"team\"}"), 409,
                "RESOURCE_ALREADY_EXISTS");
        JsonNode scopes = get("/api/2.0/secrets/scopes/list", admin).body().path("scopes");
        assertTrue(scopes.toString(),
                scopes.toString().contains("{\"name\":\"team\",\"backend_type\":\"DATABRICKS\"}"));

        assertEquals(200, post("/api/2.0/secrets/put", admin,
                "{\"scope\": \"team\", \"key\": \"password\", \"string_value\": \"p4ss\"}").status());
        String bytes = Base64.getEncoder().encodeToString(new byte[] { 0, -1, 7 });
        assertEquals(200, post("/api/2.0/secrets/put", admin,
                "{\"scope\": \"team\", \"key\": \"blob\", \"bytes_value\": \"" + bytes + "\"}").status());
        JsonNode secrets = get("/api/2.0/secrets/list?scope=team", admin).body().path("secrets");
        assertEquals(2, secrets.size());
        assertEquals("blob", secrets.get(0).path("key").asText());
        assertTrue(secrets.get(0).path("last_updated_timestamp").asLong() > 0);
        assertFalse(secrets.toString().contains("value"));

        JsonNode got = get("/api/2.0/secrets/get?scope=team&key=password", admin).body();
        assertEquals("password", got.path("key").asText());
        assertEquals("p4ss", new String(Base64.getDecoder().decode(got.path("value").asText()),
                StandardCharsets.UTF_8));
        assertEquals(bytes, get("/api/2.0/secrets/get?scope=team&key=blob", admin).body().path("value").asText());

        assertEquals(200, post("/api/2.0/secrets/acls/put", admin,
                "{\"scope\": \"team\", \"principal\": \"users\", \"permission\": \"READ\"}").status());
        assertEquals("READ", get("/api/2.0/secrets/acls/get?scope=team&principal=users", admin).body()
                .path("permission").asText());
        JsonNode items = get("/api/2.0/secrets/acls/list?scope=team", admin).body().path("items");
        assertEquals("[{\"principal\":\"admin\",\"permission\":\"MANAGE\"},"
                + "{\"principal\":\"users\",\"permission\":\"READ\"}]", items.toString());
        assertEquals(200, post("/api/2.0/secrets/acls/delete", admin,
                "{\"scope\": \"team\", \"principal\": \"users\"}").status());
        assertError(get("/api/2.0/secrets/acls/get?scope=team&principal=users", admin), 404,
                "RESOURCE_DOES_NOT_EXIST");

        assertEquals(200, post("/api/2.0/secrets/delete", admin, "{\"scope\": \"team\", \"key\": \"blob\"}").status());
        assertError(get("/api/2.0/secrets/get?scope=team&key=blob", admin), 404, "RESOURCE_DOES_NOT_EXIST");
        assertEquals(200, post("/api/2.0/secrets/scopes/delete", admin, "{\"scope\": \"team\"}").status());
        assertError(get("/api/2.0/secrets/list?scope=team", admin), 404, "RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    public void badInputIsRefusedNamingTheFieldAndSavesNothing() throws Exception {
        post("/api/2.0/secrets/scopes/create", admin, "{\"scope\": \"strict\"}");
        assertInvalid(post("/api/2.0/secrets/scopes/create", admin, "{\"scope\": \"no spaces\"}"), "scope");
        assertInvalid(post("/api/2.0/secrets/scopes/create", admin, "{}"), "scope");
        assertInvalid(post("/api/2.0/secrets/scopes/create", admin,
                "{\"scope\": \"kv\", \"scope_backend_type\": \"AZURE_KEYVAULT\"}"), "backend_azure_keyvault");
        assertInvalid(post("/api/2.0/secrets/put", admin, "{\"scope\": \"strict\", \"key\": \"k\"}"), "string_value");
        assertInvalid(post("/api/2.0/secrets/put", admin,
                "{\"scope\": \"strict\", \"key\": \"k/1\", \"string_value\": \"v\"}"), "key");
        assertInvalid(post("/api/2.0/secrets/put", admin,
                "{\"scope\": \"strict\", \"key\": \"k\", \"bytes_value\": \"not base64!\"}"), "bytes_value");
        assertInvalid(post("/api/2.0/secrets/put", admin, "{\"scope\": \"strict\", \"key\": \"big\","
                + " \"string_value\": \"" + "x".repeat(128 * 1024 + 1) + "\"}"), "value");
        assertInvalid(post("/api/2.0/secrets/acls/put", admin,
                "{\"scope\": \"strict\", \"principal\": \"users\", \"permission\": \"OWN\"}"), "permission");
        assertError(post("/api/2.0/secrets/put", admin,
                "{\"scope\": \"missing\", \"key\": \"k\", \"string_value\": \"v\"}"), 404, "RESOURCE_DOES_NOT_EXIST");

        assertEquals(0, get("/api/2.0/secrets/list?scope=strict", admin).body().path("secrets").size());
        assertFalse(get("/api/2.0/secrets/scopes/list", admin).body().toString().contains("\"kv\""));
        assertEquals(1, get("/api/2.0/secrets/acls/list?scope=strict", admin).body().path("items").size());
    }

    @Test
    public void theMasterKeyIsAnOwnerOnlyFileInEtc() throws Exception {
        Path key = Path.of(context.getProperty("brickworks.home"), "etc", "secrets-master.key");
        assertTrue(Files.exists(key));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    }

    @Test
    public void theShellManagesScopesAndSecretsAndRotatesTheMasterKey() throws Exception {
        assertEquals("Created secret scope ops", shell("bw:secret-scope-create ops").strip());
        assertEquals("Stored secret token in scope ops", shell("bw:secret-put ops token dapi-123").strip());
        assertTrue(shell("bw:secret-scopes").contains("ops"));
        String listed = shell("bw:secrets ops");
        assertTrue(listed, listed.contains("token") && !listed.contains("dapi-123"));
        Path key = Path.of(context.getProperty("brickworks.home"), "etc", "secrets-master.key");
        String before = Files.readString(key);
        assertTrue(shell("bw:secrets-rotate-key").startsWith("Wrapped the data keys of "));
        assertFalse(before.equals(Files.readString(key)));
        JsonNode got = get("/api/2.0/secrets/get?scope=ops&key=token", admin).body();
        assertEquals("dapi-123", new String(Base64.getDecoder().decode(got.path("value").asText()),
                StandardCharsets.UTF_8));
        assertEquals("Deleted secret token from scope ops", shell("bw:secret-delete ops token").strip());

        String bad = failure("bw:secret-put \"no such\" k v");
        assertFalse(bad, bad.contains("\n"));
        assertTrue(bad, bad.contains("scope"));
        assertEquals("Scope gone does not exist!", failure("bw:secrets gone"));
        assertEquals("Deleted secret scope ops", shell("bw:secret-scope-delete ops").strip());
    }

    private static void assertInvalid(Answer answer, String field) {
        assertError(answer, 400, "INVALID_PARAMETER_VALUE");
        assertTrue(answer.body().toString(), answer.body().path("message").asText().contains(field));
    }

    private static void assertError(Answer answer, int status, String code) {
        assertEquals(answer.body().toString(), status, answer.status());
        assertEquals(code, answer.errorCode());
    }
}
