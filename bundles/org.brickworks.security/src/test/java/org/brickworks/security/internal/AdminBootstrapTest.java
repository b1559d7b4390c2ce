package org.brickworks.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.brickworks.security.api.UserService;
import org.brickworks.test.support.H2TestStore;
import org.brickworks.test.support.TestPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminBootstrapTest {
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
    void firstStartWritesAnOwnerOnlyAdminTokenThatAuthenticatesTheAdminFor90Days() throws IOException {
        StoreTokenService tokens = bootstrap();

        Path file = data.resolve(AdminBootstrap.TOKEN_FILE);
        String token = Files.readString(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(token).matches("dapi[0-9a-f]{32}\n");
        assertThat(tokens.authenticate(token.strip()).userName()).isEqualTo(UserService.ADMIN);
        assertThat(tokens.list(UserService.ADMIN)).singleElement()
                .satisfies(info -> assertThat(info.expiryTime() - info.creationTime())
                        .isEqualTo(AdminBootstrap.DEFAULT_LIFETIME * 1000));
    }

    @Test
    void laterStartDoesNotRewriteTheTokenFileNorCreateAnotherToken() throws IOException {
        bootstrap();
        Path file = data.resolve(AdminBootstrap.TOKEN_FILE);
        Files.writeString(file, "changed by the operator\n");

        StoreTokenService tokens = bootstrap();

        assertThat(file).hasContent("changed by the operator");
        assertThat(tokens.listAll()).hasSize(1);
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws IOException {
        bootstrap();

        try (var files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains(AdminBootstrap.TOKEN_FILE)
                    .noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void itsHealthCheckIsOkAndSaysWhereTheFirstTokenIs() throws IOException {
        StoreUserService users = new StoreUserService(store);
        AdminBootstrap bootstrap = new AdminBootstrap(users, new StoreTokenService(users), new TestPlatform(data));

        assertThat(bootstrap.execute().isOk()).isTrue();
        assertThat(bootstrap.execute().toString()).contains(data.resolve(AdminBootstrap.TOKEN_FILE).toString());

        Files.delete(data.resolve(AdminBootstrap.TOKEN_FILE));
        assertThat(bootstrap.execute().isOk()).isTrue();
        assertThat(bootstrap.execute().toString()).contains("was taken from");
    }

    private StoreTokenService bootstrap() {
        StoreUserService users = new StoreUserService(store);
        StoreTokenService tokens = new StoreTokenService(users);
        new AdminBootstrap(users, tokens, new TestPlatform(data));
        return tokens;
    }
}
