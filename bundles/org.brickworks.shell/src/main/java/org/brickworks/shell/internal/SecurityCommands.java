package org.brickworks.shell.internal;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.brickworks.security.api.GroupService;
import org.brickworks.security.api.TokenService;
import org.brickworks.security.api.UserService;
import org.brickworks.security.api.dto.CreatedToken;
import org.brickworks.security.api.dto.Member;
import org.brickworks.security.api.dto.Principal;
import org.brickworks.security.api.dto.PrincipalKind;
import org.brickworks.security.api.dto.PrincipalSpec;
import org.brickworks.security.api.dto.TokenInfo;
import org.osgi.service.component.annotations.Component;

/**
 * Users, groups, passwords and personal access tokens: {@code bw:users}, {@code bw:user-create},
 * {@code bw:user-password}, {@code bw:user-active}, {@code bw:groups}, {@code bw:identity-sync},
 * {@code bw:token-create|list|revoke}. The local
 * console acts as the {@value UserService#ADMIN} user.
 */
@Component
public class SecurityCommands extends CommandGroup {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Descriptor("List the platform's users and service principals")
    public String users() {
        Table table = new Table("ID", "USER", "NAME", "KIND", "ACTIVE", "ADMIN", "CREATED");
        UserService service = userService();
        for (PrincipalKind kind : List.of(PrincipalKind.USER, PrincipalKind.SERVICE_PRINCIPAL)) {
            service.principals(kind).forEach(p -> table.row(p.id(), p.userName(), p.displayName(),
                    kind == PrincipalKind.USER ? "user" : "service principal", p.active() ? "yes" : "no",
                    service.isAdmin(p.userName()) ? "yes" : "no", p.createdAt()));
        }
        return table.toString();
    }

    @Descriptor("Create a user (or, with --service-principal, a service principal named by a new application id)")
    public String userCreate(
            @Descriptor("display name") @Parameter(names = { "-n", "--name" }, absentValue = "") String displayName,
            @Descriptor("make it a member of the admins group") @Parameter(names = { "-a",
                    "--admin" }, presentValue = "true", absentValue = "false") boolean admin,
            @Descriptor("create a service principal") @Parameter(names = { "-s",
                    "--service-principal" }, presentValue = "true", absentValue = "false") boolean servicePrincipal,
            @Descriptor("user name (none for a service principal)") String... userName) {
        PrincipalKind kind = servicePrincipal ? PrincipalKind.SERVICE_PRINCIPAL : PrincipalKind.USER;
        Principal created = userService().create(UserService.ADMIN,
                new PrincipalSpec(kind, userName.length == 0 ? null : userName[0],
                        displayName.isEmpty() ? null : displayName, null, null, null, true, Set.of()));
        if (admin) {
            GroupService groups = groupService();
            long admins = groups.list().stream().filter(g -> g.displayName().equals(UserService.ADMINS)).findFirst()
                    .orElseThrow().id();
            groups.addMembers(UserService.ADMIN, admins, Set.of(created.id()));
        }
        return "Created " + (servicePrincipal ? "service principal " : "user ") + created.userName() + " (id "
                + created.id() + ")";
    }

    @Descriptor("Set a user's password, to sign in with; without one, a random password is made and shown once")
    public String userPassword(@Descriptor("user name") String userName,
            @Descriptor("the password (it stays in the shell's history: better let one be made)") String... password) {
        char[] chosen = password.length > 0 ? String.join(" ", password).toCharArray() : randomPassword();
        userService().setPassword(UserService.ADMIN, userName, chosen);
        return password.length > 0 ? "Password of " + userName + " set"
                : "Password of " + userName + " set to " + new String(chosen) + " (shown only this once)";
    }

    @Descriptor("Enable or disable a user or service principal; a disabled one's tokens are refused at once")
    public String userActive(@Descriptor("user name or application id") String userName,
            @Descriptor("true or false") boolean active) {
        UserService service = userService();
        Principal p = service.principal(service.get(userName).id());
        service.replace(UserService.ADMIN, p.id(), new PrincipalSpec(p.kind(), p.userName(), p.displayName(),
                p.givenName(), p.familyName(), p.externalId(), active, p.entitlements()));
        return (active ? "Enabled " : "Disabled ") + userName;
    }

    @Descriptor("List the groups, with their members")
    public String groups() {
        Table table = new Table("ID", "GROUP", "MEMBERS", "ENTITLEMENTS");
        groupService().list().forEach(g -> table.row(g.id(), g.displayName(),
                String.join(", ", g.members().stream().map(Member::display).toList()),
                String.join(", ", g.entitlements())));
        return table.toString();
    }

    @Descriptor("Import the users and groups of every identity provider (LDAP and other directory plugins) now")
    public String identitySync() {
        Table table = new Table("PROVIDER", "USERS");
        userService().syncIdentityProviders(UserService.ADMIN).forEach(table::row);
        return table.toString();
    }

    private static char[] randomPassword() {
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        char[] password = new char[20];
        for (int i = 0; i < password.length; i++) {
            password[i] = alphabet.charAt(RANDOM.nextInt(alphabet.length()));
        }
        return password;
    }

    @Descriptor("Create a personal access token and print its value (shown only this once)")
    public String tokenCreate(
            @Descriptor("user the token acts as") @Parameter(names = { "-u",
                    "--user" }, absentValue = UserService.ADMIN) String user,
            @Descriptor("lifetime in seconds, 0 for none (or the configured maximum)") @Parameter(names = { "-l",
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

    private GroupService groupService() {
        return service(GroupService.class, "groups");
    }

    private UserService userService() {
        return service(UserService.class, "users");
    }
}
