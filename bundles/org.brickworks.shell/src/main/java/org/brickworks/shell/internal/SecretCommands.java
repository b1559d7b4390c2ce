package org.brickworks.shell.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.brickworks.secrets.api.SecretService;
import org.brickworks.secrets.api.dto.SecretMetadata;
import org.brickworks.secrets.api.dto.SecretScope;
import org.osgi.service.component.annotations.Component;

/**
 * Secret scopes and their secrets, as the session's user: {@code bw:secret-scopes}, {@code bw:secret-scope-create},
 * {@code bw:secret-scope-delete}, {@code bw:secret-put}, {@code bw:secrets}, {@code bw:secret-delete},
 * {@code bw:secrets-rotate-key}. Values are never shown.
 */
@Component
public class SecretCommands extends CommandGroup {
    @Descriptor("List the secret scopes and their backends")
    public String secretScopes(CommandSession session) {
        Table table = new Table("SCOPE", "BACKEND");
        for (SecretScope scope : secrets().listScopes(user(session))) {
            table.row(scope.name(), scope.backendType());
        }
        return table.toString();
    }

    @Descriptor("Create a secret scope in the platform's encrypted store; you get MANAGE on it")
    public String secretScopeCreate(CommandSession session, @Descriptor("scope name") String scope) {
        secrets().createScope(user(session), scope, null, null, null);
        return "Created secret scope " + scope;
    }

    @Descriptor("Delete a secret scope with its secrets and ACLs")
    public String secretScopeDelete(CommandSession session, @Descriptor("scope name") String scope) {
        secrets().deleteScope(user(session), scope);
        return "Deleted secret scope " + scope;
    }

    @Descriptor("Store a secret (a text value) in a scope, replacing one of the same key")
    public String secretPut(CommandSession session, @Descriptor("scope name") String scope,
            @Descriptor("secret key") String key, @Descriptor("the value") String value) {
        secrets().put(user(session), scope, key, value.getBytes(StandardCharsets.UTF_8));
        return "Stored secret " + key + " in scope " + scope;
    }

    @Descriptor("List the secrets of a scope: keys and when they were last put, never values")
    public String secrets(CommandSession session, @Descriptor("scope name") String scope) {
        Table table = new Table("KEY", "LAST_UPDATED");
        for (SecretMetadata secret : secrets().list(user(session), scope)) {
            table.row(secret.key(), Instant.ofEpochMilli(secret.lastUpdatedTimestamp()));
        }
        return table.toString();
    }

    @Descriptor("Delete a secret from a scope")
    public String secretDelete(CommandSession session, @Descriptor("scope name") String scope,
            @Descriptor("secret key") String key) {
        secrets().delete(user(session), scope, key);
        return "Deleted secret " + key + " from scope " + scope;
    }

    @Descriptor("Wrap every scope's data key under a new master key (etc/secrets-master.key); admins only")
    public String secretsRotateKey(CommandSession session) {
        return secrets().rotateMasterKey(user(session));
    }

    private SecretService secrets() {
        return service(SecretService.class, "secrets");
    }
}
