package org.brickworks.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.security.api.UserService;
import org.brickworks.security.api.dto.User;
import org.brickworks.test.support.H2TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreUserServiceTest {
    @TempDir
    Path data;

    private H2TestStore store;

    @BeforeEach
    void openStore() {
        store = new H2TestStore(data);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void startsWithoutUsersUntilAdminIsEnsured() {
        StoreUserService users = new StoreUserService(store);

        assertThat(users.list()).isEmpty();
        assertThat(store.queryValue("SELECT version FROM schema_version WHERE area = 'security'"))
                .isEqualTo(SecuritySchema.MIGRATIONS.size());
    }

    @Test
    void createsAdminOnlyOnce() {
        StoreUserService users = new StoreUserService(store);

        boolean first = users.ensureAdmin();
        boolean second = new StoreUserService(store).ensureAdmin();

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(users.list()).singleElement().satisfies(admin -> {
            assertThat(admin.userName()).isEqualTo(UserService.ADMIN);
            assertThat(admin.displayName()).isEqualTo("Administrator");
            assertThat(admin.admin()).isTrue();
        });
    }

    @Test
    void getFindsAUserByName() {
        StoreUserService users = new StoreUserService(store);
        users.ensureAdmin();
        store.update(
                "INSERT INTO users (user_name, display_name, is_admin, created_at) VALUES ('alice', 'Alice', FALSE, 1000)");

        User alice = users.get("alice");

        assertThat(alice.userName()).isEqualTo("alice");
        assertThat(alice.displayName()).isEqualTo("Alice");
        assertThat(alice.admin()).isFalse();
        assertThat(alice.createdAt().toEpochMilli()).isEqualTo(1000);
        assertThat(users.list()).extracting(User::userName).containsExactly("admin", "alice");
    }

    @Test
    void getOfUnknownUserIsResourceDoesNotExist() {
        StoreUserService users = new StoreUserService(store);

        assertThatThrownBy(() -> users.get("nobody"))
                .isInstanceOfSatisfying(BrickworksException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST))
                .hasMessageContaining("nobody");
    }
}
