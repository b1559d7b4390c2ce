package org.brickworks.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.security.api.IdentityProvider;
import org.brickworks.security.api.dto.ExternalDirectory;
import org.brickworks.security.api.dto.ExternalDirectory.ExternalGroup;
import org.brickworks.security.api.dto.ExternalDirectory.ExternalUser;
import org.brickworks.security.api.dto.Principal;
import org.brickworks.security.api.dto.PrincipalKind;
import org.brickworks.security.api.dto.PrincipalSpec;
import org.brickworks.test.support.H2TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users and groups an identity provider brings, against a real H2 store. */
class IdentityProviderImportTest {
    @TempDir
    Path data;

    private H2TestStore store;
    private StoreUserService users;
    private StoreGroupService groups;

    /** A directory in memory: what a provider plugin answers. */
    static class MemoryDirectory implements IdentityProvider {
        volatile ExternalDirectory content;

        @Override
        public ExternalDirectory read() {
            return content;
        }

        @Override
        public boolean authenticate(String userName, char[] password) {
            return Arrays.equals(password, (userName + "-secret").toCharArray());
        }
    }

    @BeforeEach
    void startServices() {
        store = new H2TestStore(data);
        users = new StoreUserService(store);
        users.ensureAdmin();
        groups = new StoreGroupService(users);
    }

    @AfterEach
    void closeStore() throws InterruptedException {
        users.deactivate();
        store.close();
    }

    private MemoryDirectory provider(ExternalDirectory content) {
        MemoryDirectory directory = new MemoryDirectory();
        directory.content = content;
        users.bindIdentityProvider(directory, Map.of(IdentityProvider.NAME, "corp"));
        return directory;
    }

    @Test
    void importsUsersAndGroupsAndChecksTheirPasswordsWithTheProvider() {
        MemoryDirectory directory = provider(new ExternalDirectory(
                List.of(new ExternalUser("grace", "Grace Hopper", "Grace", "Hopper"),
                        new ExternalUser("ken", null, null, null)),
                List.of(new ExternalGroup("compilers", List.of("grace")), new ExternalGroup("admins",
                        List.of("ken")))));

        assertThat(users.syncIdentityProviders("admin")).containsEntry("corp", 2);

        Principal grace = users.principal(users.get("grace").id());
        assertThat(grace.externalId()).isEqualTo("corp:grace");
        assertThat(grace.displayName()).isEqualTo("Grace Hopper");
        assertThat(users.groupsOf("grace")).containsExactlyInAnyOrder("compilers", "users");
        assertThat(users.isAdmin("ken")).isTrue();
        assertThat(users.authenticate("grace", "grace-secret".toCharArray()).userName()).isEqualTo("grace");
        assertThatThrownBy(() -> users.authenticate("grace", "wrong".toCharArray()))
                .isInstanceOfSatisfying(BrickworksException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNAUTHENTICATED));

        directory.content = new ExternalDirectory(List.of(new ExternalUser("grace", "Grace", null, null)),
                List.of(new ExternalGroup("compilers", List.of()), new ExternalGroup("admins", List.of())));
        users.syncIdentityProviders("admin");

        assertThat(users.principal(users.get("ken").id()).active()).isFalse();
        assertThat(users.isAdmin("ken")).isFalse();
        assertThat(users.groupsOf("grace")).containsExactly("users");
        assertThat(users.isAdmin("admin")).isTrue();
    }

    @Test
    void aLocalUserOfTheSameNameStaysLocalAndLocalMembersStay() {
        Principal local = users.create("admin",
                new PrincipalSpec(PrincipalKind.USER, "grace", "Local Grace", null, null, null, true, Set.of()));
        provider(new ExternalDirectory(List.of(new ExternalUser("grace", "Directory Grace", null, null)),
                List.of(new ExternalGroup("admins", List.of("grace")))));

        users.syncIdentityProviders("admin");

        assertThat(users.principal(local.id()).displayName()).isEqualTo("Local Grace");
        assertThat(users.principal(local.id()).externalId()).isNull();
        assertThat(users.isAdmin("grace")).isFalse();
        assertThat(groups.list()).hasSize(2);
    }

    @Test
    void aFailingProviderIsLoggedAndLeftOut() {
        MemoryDirectory broken = new MemoryDirectory() {
            @Override
            public ExternalDirectory read() {
                throw new IllegalStateException("directory down");
            }
        };
        users.bindIdentityProvider(broken, Map.of(IdentityProvider.NAME, "down"));
        users.bindIdentityProvider(new MemoryDirectory(), Map.of());

        assertThat(users.syncIdentityProviders("admin")).isEmpty();
        assertThatThrownBy(() -> users.syncIdentityProviders("nobody"))
                .isInstanceOfSatisfying(BrickworksException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.PERMISSION_DENIED));
    }
}
