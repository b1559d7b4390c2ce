package org.brickworks.secrets.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.secrets.api.dto.AclItem;
import org.brickworks.secrets.api.dto.AclPermission;
import org.brickworks.security.api.UserService;
import org.brickworks.store.api.Store;

/**
 * Scopes' access control lists in the store's {@code secret_acls}, and the check of a user's right: the highest
 * permission granted to the user's name or any of their groups; members of {@value UserService#ADMINS} have every
 * right.
 */
final class ScopeAcls {
    private final Store store;
    private final Function<String, Set<String>> groupsOf;

    ScopeAcls(Store store, Function<String, Set<String>> groupsOf) {
        this.store = store;
        this.groupsOf = groupsOf;
    }

    boolean isAdmin(String user) {
        return groupsOf.apply(user).contains(UserService.ADMINS);
    }

    /** @throws BrickworksException PERMISSION_DENIED when {@code user} lacks {@code needed} on {@code scope} */
    void require(String user, String scope, AclPermission needed) {
        if (!has(user, scope, needed)) {
            throw new BrickworksException(ErrorCode.PERMISSION_DENIED, "User " + user + " does not have " + needed
                    + " permission on scope " + scope);
        }
    }

    boolean has(String user, String scope, AclPermission needed) {
        Set<String> groups = groupsOf.apply(user);
        if (groups.contains(UserService.ADMINS)) {
            return true;
        }
        Set<String> principals = new HashSet<>(groups);
        principals.add(user);
        return list(scope).stream().filter(item -> principals.contains(item.principal()))
                .anyMatch(item -> item.permission().includes(needed));
    }

    List<AclItem> list(String scope) {
        return store.transaction(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT principal, permission FROM secret_acls WHERE scope_name = ? ORDER BY principal")) {
                select.setString(1, scope);
                List<AclItem> items = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        items.add(new AclItem(rows.getString(1), AclPermission.valueOf(rows.getString(2))));
                    }
                }
                return items;
            }
        });
    }

    Optional<AclItem> get(String scope, String principal) {
        return list(scope).stream().filter(item -> item.principal().equals(principal)).findFirst();
    }

    void put(Connection c, String scope, String principal, AclPermission permission) throws SQLException {
        if (Sql.update(c, "UPDATE secret_acls SET permission = ? WHERE scope_name = ?"
                + " AND principal = ?", permission.name(), scope, principal) == 0) {
            Sql.update(c, "INSERT INTO secret_acls (scope_name, principal, permission)"
                    + " VALUES (?, ?, ?)", scope, principal, permission.name());
        }
    }

    boolean delete(String scope, String principal) {
        return store.transaction(c -> Sql.update(c,
                "DELETE FROM secret_acls WHERE scope_name = ? AND principal = ?", scope, principal)) > 0;
    }
}
