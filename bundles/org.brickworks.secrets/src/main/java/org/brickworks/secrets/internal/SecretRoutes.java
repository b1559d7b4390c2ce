package org.brickworks.secrets.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.rest.api.ApiCall;
import org.brickworks.rest.api.Route;
import org.brickworks.secrets.api.SecretService;
import org.brickworks.secrets.api.dto.AclItem;
import org.brickworks.secrets.api.dto.AclPermission;
import org.brickworks.secrets.api.dto.KeyVaultMetadata;
import org.brickworks.secrets.api.dto.SecretMetadata;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Databricks' Secrets API 2.0 as its SDKs call it: {@code secrets/scopes/create}, {@code list}, {@code delete};
 * {@code secrets/put}, {@code list}, {@code get}, {@code delete}; {@code secrets/acls/put}, {@code get}, {@code list},
 * {@code delete}. Every call is the caller's, checked by the service.
 */
final class SecretRoutes {
    record CreateScope(String scope, String initialManagePrincipal, String scopeBackendType,
            KeyVaultMetadata backendAzureKeyvault) {
    }

    record Scope(String scope) {
    }

    record PutSecret(String scope, String key, String stringValue, String bytesValue) {
    }

    record SecretRef(String scope, String key) {
    }

    record PutAcl(String scope, String principal, String permission) {
    }

    record AclRef(String scope, String principal) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ScopeJson(String name, String backendType, KeyVaultMetadata keyvaultMetadata) {
    }

    record Scopes(List<ScopeJson> scopes) {
    }

    record Secrets(List<SecretMetadata> secrets) {
    }

    record Value(String key, String value) {
    }

    record Acls(List<AclItem> items) {
    }

    private final Supplier<SecretService> secrets;

    SecretRoutes(Supplier<SecretService> secrets) {
        this.secrets = secrets;
    }

    List<Route<?>> routes() {
        return List.of(
                Route.post("secrets/scopes/create", CreateScope.class, this::createScope),
                Route.get("secrets/scopes/list", Void.class, this::listScopes),
                Route.post("secrets/scopes/delete", Scope.class, call -> {
                    secrets.get().deleteScope(user(call), call.params().scope());
                    return null;
                }),
                Route.post("secrets/put", PutSecret.class, this::put),
                Route.get("secrets/list", Scope.class,
                        call -> new Secrets(secrets.get().list(user(call), call.params().scope()))),
                Route.get("secrets/get", SecretRef.class, this::get),
                Route.post("secrets/delete", SecretRef.class, call -> {
                    secrets.get().delete(user(call), call.params().scope(), call.params().key());
                    return null;
                }),
                Route.post("secrets/acls/put", PutAcl.class, this::putAcl),
                Route.get("secrets/acls/get", AclRef.class,
                        call -> secrets.get().getAcl(user(call), call.params().scope(), call.params().principal())),
                Route.get("secrets/acls/list", Scope.class,
                        call -> new Acls(secrets.get().listAcls(user(call), call.params().scope()))),
                Route.post("secrets/acls/delete", AclRef.class, call -> {
                    secrets.get().deleteAcl(user(call), call.params().scope(), call.params().principal());
                    return null;
                }));
    }

    private Object createScope(ApiCall<CreateScope> call) {
        CreateScope request = call.params();
        secrets.get().createScope(user(call), request.scope(), request.initialManagePrincipal(),
                request.scopeBackendType(), request.backendAzureKeyvault());
        return null;
    }

    private Scopes listScopes(ApiCall<Void> call) {
        return new Scopes(secrets.get().listScopes(user(call)).stream()
                .map(s -> new ScopeJson(s.name(), s.backendType(), s.keyvaultMetadata())).toList());
    }

    private Object put(ApiCall<PutSecret> call) {
        PutSecret request = call.params();
        byte[] value;
        if (request.stringValue() != null && request.bytesValue() != null) {
            throw BrickworksException.invalidParameter("Give string_value or bytes_value, not both");
        } else if (request.stringValue() != null) {
            value = request.stringValue().getBytes(StandardCharsets.UTF_8);
        } else if (request.bytesValue() != null) {
            try {
                value = Base64.getDecoder().decode(request.bytesValue());
            } catch (IllegalArgumentException e) {
                throw BrickworksException.invalidParameter("bytes_value: not base64: " + e.getMessage());
            }
        } else {
            throw BrickworksException.invalidParameter("Missing required field: string_value or bytes_value");
        }
        secrets.get().put(user(call), request.scope(), request.key(), value);
        return null;
    }

    private Value get(ApiCall<SecretRef> call) {
        byte[] value = secrets.get().get(user(call), call.params().scope(), call.params().key());
        return new Value(call.params().key(), Base64.getEncoder().encodeToString(value));
    }

    private Object putAcl(ApiCall<PutAcl> call) {
        PutAcl request = call.params();
        secrets.get().putAcl(user(call), request.scope(), request.principal(), permission(request.permission()));
        return null;
    }

    private static AclPermission permission(String text) {
        if (text == null) {
            throw BrickworksException.invalidParameter("Missing required field: permission");
        }
        try {
            return AclPermission.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw BrickworksException.invalidParameter("permission: " + text + " is not one of READ, WRITE, MANAGE");
        }
    }

    private static String user(ApiCall<?> call) {
        return call.caller().userName();
    }

}
