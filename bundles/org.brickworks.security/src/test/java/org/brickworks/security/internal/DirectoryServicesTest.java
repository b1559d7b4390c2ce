package org.brickworks.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.security.api.UserService;
import org.brickworks.security.api.dto.Group;
import org.brickworks.security.api.dto.GroupSpec;
import org.brickworks.security.api.dto.Principal;
import org.brickworks.security.api.dto.PrincipalKind;
import org.brickworks.security.api.dto.PrincipalSpec;
import org.brickworks.test.support.H2TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Users, service principals and groups against a real H2 store. */
class DirectoryServicesTest {
    @TempDir
    Path data;

    private H2TestStore store;
    private StoreUserService users;
    private StoreGroupService groups;
    private StoreTokenService tokens;

    @BeforeEach
    void startServices() {
        store = new H2TestStore(data);
        users = new StoreUserService(store);
        users.ensureAdmin();
        groups = new StoreGroupService(users);
        tokens = new StoreTokenService(users);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private Principal user(String name) {
        return users.create("admin", new PrincipalSpec(PrincipalKind.USER, name, null, null, null, null, true,
                Set.of()));
    }

    private Group group(String name) {
        return groups.list().stream().filter(g -> g.displayName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void adminIsInTheBuiltInGroupsAndAdministersEverything() {
        assertThat(groups.list()).extracting(Group::displayName).containsExactly("admins", "users");
        assertThat(users.isAdmin("admin")).isTrue();
        assertThat(users.groupsOf("admin")).containsExactly("admins", "users");
        assertThat(users.entitlementsOf("admin")).containsAll(UserService.ENTITLEMENTS);
    }

    @Test
    void aNewUserIsInUsersWithWorkspaceAccessAndNoAdmin() {
        Principal alice = user("alice@example.com");

        assertThat(alice.groups()).extracting(g -> g.displayName()).containsExactly("users");
        assertThat(users.isAdmin("alice@example.com")).isFalse();
        assertThat(users.entitlementsOf("alice@example.com")).containsExactly("workspace-access");
        assertThat(users.principals(PrincipalKind.USER)).extracting(Principal::userName)
                .containsExactly("admin", "alice@example.com");
    }

    @Test
    void nestedMembershipOfAdminsMakesAnAdmin() {
        Principal alice = user("alice");
        Group ops = groups.create("admin", new GroupSpec("ops", null, Set.of(alice.id()), Set.of()));

        groups.addMembers("admin", group("admins").id(), Set.of(ops.id()));

        assertThat(users.isAdmin("alice")).isTrue();
        assertThat(users.groupsOf("alice")).containsExactlyInAnyOrder("ops", "admins", "users");
        assertThat(users.get("alice").admin()).isTrue();
        groups.delete("admin", ops.id());
        assertThat(users.isAdmin("alice")).isFalse();
    }

    @Test
    void nonAdminsChangeNothing() {
        Principal alice = user("alice");

        assertCode(() -> users.create("alice",
                new PrincipalSpec(PrincipalKind.USER, "carol", null, null, null, null, true, Set.of())),
                ErrorCode.PERMISSION_DENIED);
        assertCode(() -> users.delete("alice", alice.id()), ErrorCode.PERMISSION_DENIED);
        assertCode(() -> groups.create("alice", new GroupSpec("mine", null, null, Set.of())),
                ErrorCode.PERMISSION_DENIED);
        assertCode(() -> groups.addMembers("alice", group("admins").id(), Set.of(alice.id())),
                ErrorCode.PERMISSION_DENIED);
        assertCode(() -> users.setPassword("alice", "admin", "password123".toCharArray()),
                ErrorCode.PERMISSION_DENIED);
        assertCode(() -> tokens.createOnBehalfOf("alice", "x", "", Optional.empty()), ErrorCode.PERMISSION_DENIED);
        assertThat(users.principals(PrincipalKind.USER)).hasSize(2);
        assertThat(groups.list()).hasSize(2);
    }

    @Test
    void badInputNamesTheFieldAndSavesNothing() {
        assertInvalid(() -> users.create("admin",
                new PrincipalSpec(PrincipalKind.USER, "has space", null, null, null, null, true, Set.of())),
                "userName");
        assertInvalid(() -> users.create("admin",
                new PrincipalSpec(PrincipalKind.USER, "x", null, null, null, null, true, Set.of("fly"))),
                "entitlements");
        assertInvalid(() -> users.create("admin", new PrincipalSpec(PrincipalKind.SERVICE_PRINCIPAL, "not-a-uuid",
                null, null, null, null, true, Set.of())), "applicationId");
        assertInvalid(() -> groups.create("admin", new GroupSpec(" ", null, null, Set.of())), "displayName");
        assertInvalid(() -> groups.create("admin", new GroupSpec("g", null, Set.of(424242L), Set.of())),
                "members");

        assertThat(users.principals(PrincipalKind.USER)).hasSize(1);
        assertThat(users.principals(PrincipalKind.SERVICE_PRINCIPAL)).isEmpty();
        assertThat(groups.list()).hasSize(2);
    }

    @Test
    void duplicatesAreRefused() {
        user("alice");
        assertCode(() -> user("alice"), ErrorCode.RESOURCE_ALREADY_EXISTS);
        assertCode(() -> groups.create("admin", new GroupSpec("users", null, null, Set.of())),
                ErrorCode.RESOURCE_ALREADY_EXISTS);
    }

    @Test
    void servicePrincipalGetsAnApplicationIdAndTokensOnBehalfOfIt() {
        Principal robot = users.create("admin", new PrincipalSpec(PrincipalKind.SERVICE_PRINCIPAL, null, "robot",
                null, null, null, true, Set.of("allow-cluster-create")));

        assertThat(robot.userName()).matches("[0-9a-f-]{36}");
        var created = tokens.createOnBehalfOf("admin", robot.userName(), "ci", Optional.of(60L));
        assertThat(tokens.authenticate(created.tokenValue()).userName()).isEqualTo(robot.userName());
        assertThat(tokens.get(created.info().tokenId()).userName()).isEqualTo(robot.userName());
        assertInvalid(() -> users.setPassword("admin", robot.userName(), "password123".toCharArray()), "password");
        assertCode(() -> tokens.createOnBehalfOf("admin", "admin", "", Optional.empty()),
                ErrorCode.RESOURCE_DOES_NOT_EXIST);
    }

    @Test
    void disablingAUserRefusesItsTokensAtOnce() {
        Principal alice = user("alice");
        String token = tokens.create("alice", "", Optional.empty()).tokenValue();

        users.replace("admin", alice.id(), new PrincipalSpec(PrincipalKind.USER, "alice", null, null, null, null,
                false, Set.of()));

        assertCode(() -> tokens.authenticate(token), ErrorCode.UNAUTHENTICATED);
        assertCode(() -> tokens.create("alice", "", Optional.empty()), ErrorCode.INVALID_PARAMETER_VALUE);
    }

    @Test
    void theLastActiveAdministratorStays() {
        long adminId = users.get("admin").id();
        assertInvalid(() -> users.delete("admin", adminId), "admins");
        assertInvalid(() -> users.replace("admin", adminId,
                new PrincipalSpec(PrincipalKind.USER, "admin", null, null, null, null, false, Set.of())), "admins");
        assertInvalid(() -> groups.removeMembers("admin", group("admins").id(), Set.of(adminId)), "admins");
        assertInvalid(() -> groups.delete("admin", group("admins").id()), "admins");
        assertThat(users.isAdmin("admin")).isTrue();
    }

    @Test
    void theUsersGroupKeepsEveryoneWhateverAReplaceSays() {
        user("alice");
        Group users_ = group("users");

        groups.replace("admin", users_.id(), new GroupSpec("users", null, Set.of(), Set.of("workspace-access")));

        assertThat(groups.get(users_.id()).members()).extracting(m -> m.display()).containsExactly("admin", "alice");
        assertInvalid(() -> groups.removeMembers("admin", users_.id(), Set.of(users.get("alice").id())), "users");
    }

    @Test
    void groupsCannotNestInACycle() {
        Group a = groups.create("admin", new GroupSpec("a", null, null, Set.of()));
        Group b = groups.create("admin", new GroupSpec("b", null, Set.of(a.id()), Set.of()));

        assertInvalid(() -> groups.addMembers("admin", a.id(), Set.of(b.id())), "members");
        assertThat(groups.get(b.id()).members()).extracting(m -> m.display()).containsExactly("a");
    }

    @Test
    void passwordsSignInAndWrongOnesLockOut() {
        user("alice");
        users.setPassword("alice", "alice", "correct horse".toCharArray());

        assertThat(users.authenticate("alice", "correct horse".toCharArray()).userName()).isEqualTo("alice");
        for (int i = 0; i < 5; i++) {
            assertCode(() -> users.authenticate("alice", "wrong".toCharArray()), ErrorCode.UNAUTHENTICATED);
        }
        assertThatThrownBy(() -> users.authenticate("alice", "correct horse".toCharArray()))
                .hasMessageContaining("Too many failed sign-ins");
        assertCode(() -> users.authenticate("nobody", "whatever1".toCharArray()), ErrorCode.UNAUTHENTICATED);
        assertThat(store.queryValue("SELECT COUNT(*) FROM users WHERE password_hash LIKE '$argon2id$v=19$%'"))
                .isEqualTo(1L);
        // An administrator's reset lifts the lock-out.
        users.setPassword("admin", "alice", "battery staple".toCharArray());
        assertThat(users.authenticate("alice", "battery staple".toCharArray()).userName()).isEqualTo("alice");
    }

    @Test
    void tokensKeepToTheMaximumLifetime() {
        tokens.maxLifetime(3600);

        var unlimited = tokens.create("admin", "", Optional.empty());
        assertThat(unlimited.info().expiryTime() - unlimited.info().creationTime()).isEqualTo(3_600_000);
        assertInvalid(() -> tokens.create("admin", "", Optional.of(7200L)), "lifetime_seconds");
    }

    private static void assertInvalid(Executable call, String field) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(BrickworksException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessageContaining(field);
    }

    private static void assertCode(Executable call, ErrorCode code) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(BrickworksException.class,
                e -> assertThat(e.errorCode()).isEqualTo(code));
    }
}
