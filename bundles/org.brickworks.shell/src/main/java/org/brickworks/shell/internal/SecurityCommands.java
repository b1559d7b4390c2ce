package org.brickworks.shell.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.brickworks.security.api.TokenService;
import org.brickworks.security.api.UserService;
import org.brickworks.security.api.dto.CreatedToken;
import org.brickworks.security.api.dto.TokenInfo;
import org.osgi.service.component.annotations.Component;

/** Users and personal access tokens: {@code bw:users}, {@code bw:token-create|list|revoke}. */
@Component
public class SecurityCommands extends CommandGroup {
    @Descriptor("List the platform's users")
    public String users() {
        Table table = new Table("USER", "NAME", "ADMIN", "CREATED");
        userService().list()
                .forEach(u -> table.row(u.userName(), u.displayName(), u.admin() ? "yes" : "no", u.createdAt()));
        return table.toString();
    }

    @Descriptor("Create a personal access token and print its value (shown only this once)")
    public String tokenCreate(
            @Descriptor("user the token acts as") @Parameter(names = { "-u",
                    "--user" }, absentValue = UserService.ADMIN) String user,
            @Descriptor("lifetime in seconds, 0 for none") @Parameter(names = { "-l",
                    "--lifetime" }, absentValue = "0") long lifetime,
            @Descriptor("what the token is for") String... comment) {
        CreatedToken created = tokenService().create(user, String.join(" ", comment), Optional.of(lifetime));
        return created.tokenValue() + "\n(token id " + created.info().tokenId() + ", user " + user + ", expires "
                + expiry(created.info()) + ")";
    }

    @Descriptor("List personal access tokens (all users, or one)")
    public String tokenList(@Descriptor("only this user's tokens") @Parameter(names = { "-u",
            "--user" }, absentValue = "") String user) {
        TokenService service = tokenService();
        List<TokenInfo> list = user.isEmpty() ? service.listAll() : service.list(user);
        Table table = new Table("TOKEN ID", "USER", "CREATED", "EXPIRES", "COMMENT");
        list.forEach(t -> table.row(t.tokenId(), t.userName(), Instant.ofEpochMilli(t.creationTime()), expiry(t),
                t.comment()));
        return table.toString();
    }

    @Descriptor("Revoke a personal access token")
    public String tokenRevoke(@Descriptor("token id, as bw:token-list shows it") String tokenId) {
        tokenService().revoke(UserService.ADMIN, tokenId);
        return "Revoked token " + tokenId;
    }

    private static String expiry(TokenInfo token) {
        return token.expiryTime() < 0 ? "never" : Instant.ofEpochMilli(token.expiryTime()).toString();
    }

    private TokenService tokenService() {
        return service(TokenService.class, "tokens");
    }

    private UserService userService() {
        return service(UserService.class, "users");
    }
}
