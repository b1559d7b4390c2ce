package org.brickworks.secrets.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.secrets.api.Redaction;
import org.brickworks.secrets.api.SecretBackend;
import org.brickworks.secrets.api.SecretService;
import org.brickworks.secrets.api.dto.AclItem;
import org.brickworks.secrets.api.dto.AclPermission;
import org.brickworks.secrets.api.dto.KeyVaultMetadata;
import org.brickworks.secrets.api.dto.SecretScope;
import org.brickworks.test.support.H2TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreSecretServiceTest {
    private static final Map<String, Set<String>> GROUPS = Map.of("admin", Set.of("users", "admins"), "ada",
            Set.of("users", "data"), "bob", Set.of("users"));

    @TempDir
    Path folder;
    private H2TestStore store;
    private EncryptedStoreBackend builtIn;
    private StoreSecretService secrets;

    @BeforeEach
    void open() {
        store = new H2TestStore(folder);
        builtIn = new EncryptedStoreBackend(store, MasterKeys.open(folder.resolve("etc/secrets-master.key"), null),
                Clock.systemUTC());
        secrets = new StoreSecretService(store, builtIn, user -> GROUPS.getOrDefault(user, Set.of("users")),
                Clock.systemUTC());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theCreatorManagesTheScopeAndOthersGetOnlyWhatTheACLGives() {
        secrets.createScope("ada", "team", null, null, null);
        secrets.put("ada", "team", "password", bytes("p4ss"));

        assertThat(secrets.listAcls("ada", "team")).containsExactly(new AclItem("ada", AclPermission.MANAGE));
        assertDenied(() -> secrets.get("bob", "team", "password"));
        assertDenied(() -> secrets.list("bob", "team"));

        secrets.putAcl("ada", "team", "users", AclPermission.READ);
        assertThat(secrets.get("bob", "team", "password")).isEqualTo(bytes("p4ss"));
        assertThat(secrets.list("bob", "team")).extracting(s -> s.key()).containsExactly("password");
        assertDenied(() -> secrets.put("bob", "team", "other", bytes("x")));
        assertDenied(() -> secrets.putAcl("bob", "team", "bob", AclPermission.MANAGE));

        secrets.putAcl("ada", "team", "bob", AclPermission.WRITE);
        secrets.put("bob", "team", "other", bytes("x"));
        assertDenied(() -> secrets.deleteScope("bob", "team"));
        assertThat(secrets.getAcl("ada", "team", "bob")).isEqualTo(new AclItem("bob", AclPermission.WRITE));

        secrets.deleteAcl("ada", "team", "bob");
        assertDenied(() -> secrets.delete("bob", "team", "other"));
        assertError(() -> secrets.getAcl("ada", "team", "bob"), ErrorCode.RESOURCE_DOES_NOT_EXIST);
    }

    @Test
    void aGroupsRightIsItsMembersRight() {
        secrets.createScope("admin", "shared", null, null, null);
        secrets.putAcl("admin", "shared", "data", AclPermission.WRITE);

        secrets.put("ada", "shared", "k", bytes("v"));
        assertDenied(() -> secrets.list("bob", "shared"));
    }

    @Test
    void adminsMayDoEverything() {
        secrets.createScope("ada", "team", null, null, null);
        secrets.put("admin", "team", "k", bytes("v"));
        secrets.putAcl("admin", "team", "bob", AclPermission.READ);
        assertThat(secrets.get("admin", "team", "k")).isEqualTo(bytes("v"));
        assertThat(secrets.rotateMasterKey("admin")).contains("1 scopes and credentials");
        assertThat(secrets.get("bob", "team", "k")).isEqualTo(bytes("v"));
        assertDenied(() -> secrets.rotateMasterKey("ada"));
        secrets.deleteScope("admin", "team");
        assertThat(secrets.listScopes("ada")).isEmpty();
    }

    @Test
    void initialManagePrincipalUsersGivesEveryoneManage() {
        secrets.createScope("ada", "open", "users", null, null);

        assertThat(secrets.listAcls("bob", "open")).containsExactly(new AclItem("users", AclPermission.MANAGE));
        assertInvalid(() -> secrets.createScope("ada", "closed", "bob", null, null), "initial_manage_principal");
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndSavesNothing() {
        secrets.createScope("ada", "team", null, null, null);

        assertInvalid(() -> secrets.createScope("ada", "no spaces", null, null, null), "scope");
        assertInvalid(() -> secrets.createScope("ada", "x".repeat(129), null, null, null), "scope");
        assertInvalid(() -> secrets.createScope("ada", null, null, null, null), "scope");
        assertInvalid(() -> secrets.createScope("ada", "kv", null, SecretScope.AZURE_KEYVAULT, null),
                "backend_azure_keyvault");
        assertInvalid(() -> secrets.createScope("ada", "kv", null, SecretScope.AZURE_KEYVAULT,
                new KeyVaultMetadata("/subscriptions/x", "https://v.vault.azure.net/")), "scope_backend_type");
        assertInvalid(() -> secrets.createScope("ada", "kv", null, null, new KeyVaultMetadata("r", "d")),
                "backend_azure_keyvault");
        assertInvalid(() -> secrets.put("ada", "team", "a/b", bytes("v")), "key");
        assertInvalid(() -> secrets.put("ada", "team", "k@x", bytes("v")), "key");
        assertInvalid(() -> secrets.put("ada", "team", "k", null), "string_value");
        assertInvalid(() -> secrets.put("ada", "team", "big", new byte[SecretService.MAX_VALUE_BYTES + 1]), "value");
        assertInvalid(() -> secrets.putAcl("ada", "team", "", AclPermission.READ), "principal");
        assertInvalid(() -> secrets.putAcl("ada", "team", "bob", null), "permission");

        assertThat(secrets.listScopes("ada")).extracting(SecretScope::name).containsExactly("team");
        assertThat(secrets.list("ada", "team")).isEmpty();
        assertThat(secrets.listAcls("ada", "team")).hasSize(1);
        secrets.put("ada", "team", "max", new byte[SecretService.MAX_VALUE_BYTES]);
        secrets.createScope("ada", "a-Z_0.9@x", null, SecretScope.DATABRICKS, null);
    }

    @Test
    void unknownScopesAndKeysAreNotFoundAndAScopeExistsOnce() {
        assertError(() -> secrets.list("ada", "nope"), ErrorCode.RESOURCE_DOES_NOT_EXIST);
        assertError(() -> secrets.put("ada", "nope", "k", bytes("v")), ErrorCode.RESOURCE_DOES_NOT_EXIST);
        assertError(() -> secrets.deleteScope("ada", "nope"), ErrorCode.RESOURCE_DOES_NOT_EXIST);
        secrets.createScope("ada", "team", null, null, null);
        assertError(() -> secrets.get("ada", "team", "k"), ErrorCode.RESOURCE_DOES_NOT_EXIST);
        assertError(() -> secrets.delete("ada", "team", "k"), ErrorCode.RESOURCE_DOES_NOT_EXIST);
        assertError(() -> secrets.createScope("bob", "team", null, null, null), ErrorCode.RESOURCE_ALREADY_EXISTS);
    }

    @Test
    void aScopeCreatedAgainAfterItsDeletionIsEmpty() {
        secrets.createScope("ada", "team", null, null, null);
        secrets.put("ada", "team", "k", bytes("v"));
        secrets.deleteScope("ada", "team");
        secrets.createScope("bob", "team", null, null, null);

        assertThat(secrets.list("bob", "team")).isEmpty();
        assertThat(secrets.listAcls("bob", "team")).containsExactly(new AclItem("bob", AclPermission.MANAGE));
    }

    @Test
    void theRedactionHoldsTheValuesTheUserMayRead() {
        secrets.createScope("ada", "team", null, null, null);
        secrets.createScope("admin", "private", null, null, null);
        secrets.put("ada", "team", "password", bytes("p4ss-word"));
        secrets.put("admin", "private", "token", bytes("dapi-secret"));

        Redaction redaction = secrets.redaction("ada");
        assertThat(redaction.values()).containsExactly("p4ss-word");
        assertThat(redaction.redact("login with p4ss-word, not dapi-secret"))
                .isEqualTo("login with [REDACTED], not dapi-secret");
        assertThat(secrets.redaction("admin").values()).containsExactlyInAnyOrder("p4ss-word", "dapi-secret");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCallOnAScopeWaitsForItsPluginBackendWhileThatIsUpdated() throws InterruptedException {
        StoreSecretService patient = new StoreSecretService(store, builtIn, user -> GROUPS.get("admin"),
                Clock.systemUTC(), Duration.ofSeconds(30));
        EncryptedStoreBackend plugin = new EncryptedStoreBackend(store,
                MasterKeys.open(folder.resolve("etc/plugin.key"), null), Clock.systemUTC());
        Map<String, Object> properties = Map.of(SecretBackend.TYPE, "PLUGIN");
        patient.addBackend(plugin, properties);
        patient.createScope("admin", "plugged", null, "PLUGIN", null);
        patient.put("admin", "plugged", "k", bytes("v"));

        patient.removeBackend(plugin, properties);
        AtomicReference<byte[]> read = new AtomicReference<>();
        Thread caller = new Thread(() -> read.set(patient.get("admin", "plugged", "k")));
        caller.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (caller.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // until the call waits for the backend
        }
        patient.addBackend(plugin, properties);
        caller.join(10_000);
        assertThat(read.get()).isEqualTo(bytes("v"));
    }

    @Test
    void aScopeWhosePluginBackendIsGoneIsTemporarilyUnavailable() {
        StoreSecretService impatient = new StoreSecretService(store, builtIn, user -> GROUPS.get("admin"),
                Clock.systemUTC(), Duration.ofMillis(50));
        EncryptedStoreBackend plugin = new EncryptedStoreBackend(store,
                MasterKeys.open(folder.resolve("etc/plugin.key"), null), Clock.systemUTC());
        Map<String, Object> properties = Map.of(SecretBackend.TYPE, "PLUGIN");
        impatient.addBackend(plugin, properties);
        impatient.createScope("admin", "unplugged", null, "PLUGIN", null);
        impatient.removeBackend(plugin, properties);

        assertThatThrownBy(() -> impatient.list("admin", "unplugged")).isInstanceOf(BrickworksException.class)
                .hasMessage("The secret backend PLUGIN of scope unplugged is not installed (installed: [])")
                .extracting(e -> ((BrickworksException) e).errorCode()).isEqualTo(ErrorCode.TEMPORARILY_UNAVAILABLE);
    }

    private static void assertDenied(ThrowingCallable call) {
        assertError(call, ErrorCode.PERMISSION_DENIED);
    }

    private static void assertInvalid(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(BrickworksException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessageContaining(field);
    }

    private static void assertError(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(BrickworksException.class,
                e -> assertThat(e.errorCode()).isEqualTo(code));
    }
}
