package org.brickworks.tests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.secrets.api.SecretService;
import org.brickworks.secrets.api.dto.AclPermission;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Azure Key Vault–backed scopes ({@code org.brickworks.secrets.azure}) contract-tested end to end: the Azure SDK in
 * the platform signs in to Azure AD and reads a vault, both played by {@link KeyVaultServer} (no Key Vault emulator is
 * reachable), configured through {@code org.brickworks.secrets.azure} as an administrator would. The Secrets API
 * creates and lists such scopes, lists and reads the vault's secrets, refuses writes; the secrets service checks ACLs
 * before it reads the vault; a vault out of reach or a refused credential is a 503 or 403 that says so, never a 500;
 * reads wait through an update of the backend's bundle.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SecretsKeyVaultIT extends PlatformTestSupport {
    private static final String PID = "org.brickworks.secrets.azure";
    private static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private static final String CLIENT = "3c1f2a8e-0d4b-4a57-9a3e-7e2c1b5d9f60";
    private static final String SECRET = "client-secret-in-test";
    private static final String RESOURCE_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg"
            + "/providers/Microsoft.KeyVault/vaults/team-vault";

    @Inject
    private ConfigurationAdmin configurationAdmin;
    @Inject
    private SecretService secrets;
    /** One vault for the framework the class's tests share; the configuration points at it. */
    private static KeyVaultServer vault;
    private final List<String> scopes = new ArrayList<>();

    @Before
    public void theVaultAndTheApplicationAreConfigured() throws Exception {
        if (vault == null) {
            vault = new KeyVaultServer(TENANT, CLIENT, SECRET);
            Runtime.getRuntime().addShutdownHook(new Thread(vault::close));
            configure(SECRET);
        }
    }

    @After
    public void deleteTheScopes() throws Exception {
        for (String scope : scopes) {
            post("/api/2.0/secrets/scopes/delete", admin, "{\"scope\": \"" + scope + "\"}");
        }
    }

    @Test
    public void aKeyVaultScopeListsAndReadsTheVaultsSecretsAndRefusesWrites() throws Exception {
        vault.put("db-password", "s3cret");
        for (int i = 1; i <= 4; i++) {
            vault.put("api-key-" + i, "value-" + i);
        }
        vault.put("retired", "old");
        vault.disable("retired");
        create("team", vault.vaultUrl());

        JsonNode listed = get("/api/2.0/secrets/scopes/list", admin).body().path("scopes");
        assertTrue(listed.toString(), listed.toString().contains("{\"name\":\"team\",\"backend_type\":"
                + "\"AZURE_KEYVAULT\",\"keyvault_metadata\":{\"resource_id\":\"" + RESOURCE_ID + "\",\"dns_name\":\""
                + vault.vaultUrl() + "\"}}"));

        // Three pages of two, the disabled secret left out.
        JsonNode secretsListed = get("/api/2.0/secrets/list?scope=team", admin).body().path("secrets");
        List<String> keys = new ArrayList<>();
        secretsListed.forEach(secret -> keys.add(secret.path("key").asText()));
        assertEquals(List.of("api-key-1", "api-key-2", "api-key-3", "api-key-4", "db-password"), keys);
        assertTrue(secretsListed.toString(), secretsListed.get(0).path("last_updated_timestamp").asLong() > 0);

        JsonNode got = get("/api/2.0/secrets/get?scope=team&key=db-password", admin).body();
        assertEquals("s3cret", new String(Base64.getDecoder().decode(got.path("value").asText()),
                StandardCharsets.UTF_8));
        assertError(get("/api/2.0/secrets/get?scope=team&key=missing", admin), 404, "RESOURCE_DOES_NOT_EXIST");
        assertError(get("/api/2.0/secrets/get?scope=team&key=not_a_vault_name", admin), 404,
                "RESOURCE_DOES_NOT_EXIST");
        assertError(get("/api/2.0/secrets/get?scope=team&key=retired", admin), 404, "RESOURCE_DOES_NOT_EXIST");

        Answer put = post("/api/2.0/secrets/put", admin,
                "{\"scope\": \"team\", \"key\": \"new-key\", \"string_value\": \"v\"}");
        assertError(put, 400, "INVALID_PARAMETER_VALUE");
        assertTrue(put.body().toString(), put.body().path("message").asText()
                .startsWith("Cannot write secrets to Azure Key Vault-backed scope team: it is read-only here"));
        Answer delete = post("/api/2.0/secrets/delete", admin, "{\"scope\": \"team\", \"key\": \"db-password\"}");
        assertError(delete, 400, "INVALID_PARAMETER_VALUE");
        assertTrue(delete.body().toString(), delete.body().path("message").asText().contains("read-only"));

        assertTrue(vault.requests().toString(), vault.requests().contains("POST /" + TENANT + "/oauth2/v2.0/token"));
        assertEquals(List.of(), vault.unexpected());
    }

    @Test
    public void theSecretsServiceChecksTheScopesAclBeforeReadingTheVault() throws Exception {
        vault.put("db-password", "s3cret");
        create("acl", vault.vaultUrl());
        String ada = "ada@brickworks.test";
        int before = vault.requests().size();
        try {
            secrets.get(ada, "acl", "db-password");
            fail("ada has no right on the scope yet");
        } catch (BrickworksException e) {
            assertEquals(ErrorCode.PERMISSION_DENIED, e.errorCode());
        }
        assertEquals("the vault is not asked for a caller without READ", before, vault.requests().size());

        secrets.putAcl("admin", "acl", ada, AclPermission.READ);
        assertArrayEquals("s3cret".getBytes(StandardCharsets.UTF_8), secrets.get(ada, "acl", "db-password"));
        assertEquals("db-password", secrets.list(ada, "acl").get(0).key());
        try {
            secrets.put(ada, "acl", "db-password", new byte[] { 1 });
            fail("READ does not allow writing");
        } catch (BrickworksException e) {
            assertEquals(ErrorCode.PERMISSION_DENIED, e.errorCode());
        }
    }

    @Test
    public void aVaultOutOfReachOrARefusedCredentialSaysSoAndIsNoServerError() throws Exception {
        String closed = "https://127.0.0.1:" + closedPort() + "/";
        create("gone", closed);
        Answer unreachable = get("/api/2.0/secrets/list?scope=gone", admin);
        assertError(unreachable, 503, "TEMPORARILY_UNAVAILABLE");
        assertEquals("The Azure Key Vault " + closed + " or Azure AD cannot be reached: connection refused",
                unreachable.body().path("message").asText());
        assertError(get("/api/2.0/secrets/get?scope=gone&key=k", admin), 503, "TEMPORARILY_UNAVAILABLE");

        create("refused", vault.vaultUrl());
        configure("a-wrong-secret");
        try {
            Answer refused = awaitStatus(403, () -> get("/api/2.0/secrets/list?scope=refused", admin));
            assertError(refused, 403, "PERMISSION_DENIED");
            assertTrue(refused.body().toString(), refused.body().path("message").asText()
                    .contains("AADSTS7000215: Invalid client secret provided."));
        } finally {
            configure(SECRET);
            awaitStatus(200, () -> get("/api/2.0/secrets/list?scope=refused", admin));
        }

        Answer notAVault = post("/api/2.0/secrets/scopes/create", admin, "{\"scope\": \"bad\", \"scope_backend_type\":"
                + " \"AZURE_KEYVAULT\", \"backend_azure_keyvault\": {\"resource_id\": \"" + RESOURCE_ID + "\","
                + " \"dns_name\": \"http://team-vault.vault.azure.net/secrets\"}}");
        assertError(notAVault, 400, "INVALID_PARAMETER_VALUE");
        assertTrue(notAVault.body().toString(), notAVault.body().path("message").asText()
                .startsWith("backend_azure_keyvault.dns_name: "));
    }

    @Test
    public void readsOfAKeyVaultScopeWaitThroughAnUpdateOfTheBackendBundle() throws Exception {
        vault.put("db-password", "s3cret");
        create("swap", vault.vaultUrl());
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                try {
                    Answer got = get("/api/2.0/secrets/get?scope=swap&key=db-password", admin);
                    if (got.status() == 200) {
                        reads.incrementAndGet();
                    } else {
                        failures.add(got.body().toString());
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        });
        reader.start();
        try {
            await("reads before the update", () -> reads.get() > 5);
            Bundle backend = Arrays.stream(context.getBundles())
                    .filter(b -> b.getSymbolicName().equals("org.brickworks.secrets.azure")).findFirst().orElseThrow();
            backend.update();
            CountDownLatch refreshed = new CountDownLatch(1);
            context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(backend), event -> {
                if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                    refreshed.countDown();
                }
            });
            assertTrue("refresh finished", refreshed.await(60, TimeUnit.SECONDS));
            int afterUpdate = reads.get();
            await("reads after the update", () -> reads.get() > afterUpdate + 5);
        } finally {
            reading.set(false);
            reader.join(60_000);
        }
        assertEquals(List.of(), failures);
    }

    /** Sets the application's configuration as an administrator's edit of the .cfg file would. */
    private void configure(String clientSecret) throws IOException {
        Configuration configuration = configurationAdmin.getConfiguration(PID, "?");
        Dictionary<String, Object> settings = new Hashtable<>();
        settings.put("tenantId", TENANT);
        settings.put("clientId", CLIENT);
        settings.put("clientSecret", clientSecret);
        settings.put("authorityHost", vault.authorityHost());
        settings.put("trustedCertificates", vault.certificatePem().toString());
        // The vault answers on 127.0.0.1, not under the vault.azure.net domain its challenge names.
        settings.put("verifyChallengeResource", "false");
        settings.put("timeoutSeconds", "5");
        settings.put("maxRetries", "0");
        configuration.update(settings);
    }

    /** Creates an AZURE_KEYVAULT scope, once the configuration just given has reached the backend. */
    private void create(String scope, String dnsName) {
        String body = "{\"scope\": \"" + scope + "\", \"scope_backend_type\": \"AZURE_KEYVAULT\","
                + " \"backend_azure_keyvault\": {\"resource_id\": \"" + RESOURCE_ID + "\", \"dns_name\": \"" + dnsName
                + "\"}}";
        await("the scope " + scope, () -> {
            try {
                return post("/api/2.0/secrets/scopes/create", admin, body).status() == 200;
            } catch (IOException | InterruptedException e) {
                return false;
            }
        });
        scopes.add(scope);
    }

    /** The answer once a new configuration has been applied (it reaches the backend asynchronously). */
    private static Answer awaitStatus(int status, Call call) {
        Answer[] last = new Answer[1];
        await("an answer " + status + " under the changed configuration", () -> {
            try {
                last[0] = call.answer();
                return last[0].status() == status;
            } catch (Exception e) {
                return false;
            }
        });
        return last[0];
    }

    private interface Call {
        Answer answer() throws Exception;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void assertError(Answer answer, int status, String code) {
        assertEquals(answer.body().toString(), status, answer.status());
        assertEquals(code, answer.errorCode());
    }
}
