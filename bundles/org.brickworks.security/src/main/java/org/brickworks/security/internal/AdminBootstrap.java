package org.brickworks.security.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
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
 * <p>
 * Also the readiness check {@value #CHECK} (Apache Felix Health Check, tag {@code brickworks}): registered only once
 * the admin and its token exist, as this component is active only then.
 */
@Component(immediate = true, service = { AdminBootstrap.class, HealthCheck.class },
        configurationPid = SecurityConfig.PID,
        property = { HealthCheck.NAME + "=" + AdminBootstrap.CHECK, HealthCheck.TAGS + "=brickworks" })
public class AdminBootstrap implements HealthCheck {
    static final String TOKEN_FILE = "admin-token";
    static final String CHECK = "admin token";
    static final long DEFAULT_LIFETIME = 90L * 24 * 3600;
    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);
    private final Path file;

    /** The data directory is read from the framework, so that an update of the core bundle leaves this be. */
    @Activate
    public AdminBootstrap(@Reference StoreUserService users, @Reference TokenService tokens, BundleContext context,
            SecurityConfig config) {
        this(users, tokens, PlatformInfo.dataDirectoryOf(context), config.maxTokenLifetimeSeconds() > 0
                ? Math.min(config.maxTokenLifetimeSeconds(), config.adminTokenLifetimeSeconds())
                : config.adminTokenLifetimeSeconds());
    }

    public AdminBootstrap(StoreUserService users, TokenService tokens, PlatformInfo platform) {
        this(users, tokens, platform.dataDirectory(), DEFAULT_LIFETIME);
    }

    /**
     * @param lifetimeSeconds
     *            of the first token: it is written to a file, and a file that grants everything forever is what an
     *            intruder looks for first
     */
    AdminBootstrap(StoreUserService users, TokenService tokens, Path dataDirectory, long lifetimeSeconds) {
        file = dataDirectory.resolve(TOKEN_FILE);
        boolean created = users.ensureAdmin();
        // Also after a first start that died before writing the file: an admin with no token and
        // no file could never log in again.
        if (created || tokens.list(UserService.ADMIN).isEmpty() && !Files.exists(file)) {
            String token = tokens.create(UserService.ADMIN, "created at first start",
                    Optional.of(lifetimeSeconds).filter(s -> s > 0)).tokenValue();
            writeOwnerOnly(file, token + "\n");
            LOG.info("The admin user's access token is in {}", file);
        }
    }

    @Override
    public Result execute() {
        return new Result(Result.Status.OK, Files.exists(file) ? "The admin user's first token is in " + file
                : "The admin user exists; its first token was taken from " + file);
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
