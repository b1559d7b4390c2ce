package org.brickworks.security.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.brickworks.core.api.PlatformInfo;
import org.brickworks.security.api.TokenService;
import org.brickworks.security.api.UserService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First start: creates the {@code admin} user and a token for it, written to {@code <data>/admin-token} readable by the
 * owner only. Later starts do nothing while the admin has a token or the file exists, so the file is the one place the
 * first token is ever shown.
 */
@Component(immediate = true, service = AdminBootstrap.class)
public class AdminBootstrap {
    static final String TOKEN_FILE = "admin-token";
    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    /** The data directory is read from the framework, so that an update of the core bundle leaves this be. */
    @Activate
    public AdminBootstrap(@Reference StoreUserService users, @Reference TokenService tokens, BundleContext context) {
        this(users, tokens, PlatformInfo.dataDirectoryOf(context));
    }

    public AdminBootstrap(StoreUserService users, TokenService tokens, PlatformInfo platform) {
        this(users, tokens, platform.dataDirectory());
    }

    private AdminBootstrap(StoreUserService users, TokenService tokens, Path dataDirectory) {
        Path file = dataDirectory.resolve(TOKEN_FILE);
        boolean created = users.ensureAdmin();
        // Also after a first start that died before writing the file: an admin with no token and
        // no file could never log in again.
        if (created || tokens.list(UserService.ADMIN).isEmpty() && !Files.exists(file)) {
            String token = tokens.create(UserService.ADMIN, "created at first start", Optional.empty()).tokenValue();
            writeOwnerOnly(file, token + "\n");
            LOG.info("The admin user's access token is in {}", file);
        }
    }

    static Path writeOwnerOnly(Path file, String content) {
        try {
            Path temporary = Files.createTempFile(file.getParent(), TOKEN_FILE, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, content);
            return Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
