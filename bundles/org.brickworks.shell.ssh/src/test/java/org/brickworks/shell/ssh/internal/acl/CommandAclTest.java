package org.brickworks.shell.ssh.internal.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.junit.jupiter.api.Test;

/** Reading Karaf-format command ACL files and deciding who may run what. */
class CommandAclTest {
    private static final SshCaller USER = new SshCaller("bob", false, Set.of("users"));
    private static final SshCaller ANALYST = new SshCaller("ann", false, Set.of("users", "analysts"));
    private static final SshCaller ADMIN = new SshCaller("admin", true, Set.of());

    private static CommandAcl acl(String scope, String... lines) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String line : lines) {
            int equals = line.indexOf('=');
            properties.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
        }
        // What Configuration Admin and File Install add to every configuration: never rules.
        properties.put("service.pid", CommandAcls.PID_PREFIX + scope);
        properties.put("felix.fileinstall.filename", "file:/etc/x.cfg");
        return CommandAcl.of(Map.of(scope, properties));
    }

    @Test
    void aNamedCommandIsForTheGroupsItsLineLists() {
        CommandAcl acl = acl("bw", "clusters = users", "audit = admins", "sql = analysts, data # a comment");

        assertThat(acl.permits(USER, "bw", "clusters", List.of())).isTrue();
        assertThat(acl.permits(USER, "bw", "audit", List.of())).isFalse();
        assertThat(acl.permits(USER, "bw", "sql", List.of())).isFalse();
        assertThat(acl.permits(ANALYST, "bw", "sql", List.of())).isTrue();
        assertThat(acl.groupsAdmitted("bw", "sql", List.of())).containsExactlyInAnyOrder("analysts", "data");
    }

    @Test
    void unknownCommandsAndScopesAndAnEmptyAclAreForAdminsOnly() {
        CommandAcl acl = acl("bw", "clusters = users");

        assertThat(acl.permits(USER, "bw", "user-create", List.of())).isFalse();
        assertThat(acl.permits(USER, "felix", "lb", List.of())).isFalse();
        assertThat(CommandAcl.NONE.permits(USER, "bw", "clusters", List.of())).isFalse();
        assertThat(CommandAcl.NONE.permits(ADMIN, "felix", "install", List.of("x"))).isTrue();
    }

    @Test
    void administratorsRunEverythingEvenWhatNoGroupMay() {
        CommandAcl acl = acl("felix", "install =", "* = admins");

        assertThat(acl.permits(ADMIN, "felix", "install", List.of())).isTrue();
        assertThat(acl.permits(USER, "felix", "install", List.of())).isFalse();
    }

    @Test
    void theLongestWildcardWinsAndANamedLineBeatsAnyWildcard() {
        CommandAcl acl = acl("bw", "* = admins", "cluster-* = users", "cluster-delete = admins", "*-ls = users");

        assertThat(acl.permits(USER, "bw", "cluster-events", List.of())).isTrue();
        assertThat(acl.permits(USER, "bw", "cluster-delete", List.of())).isFalse();
        assertThat(acl.permits(USER, "bw", "fs-ls", List.of())).isTrue();
        assertThat(acl.permits(USER, "bw", "fs-rm", List.of())).isFalse();
    }

    @Test
    void argumentPatternsMatchTheWholeArgumentLineAndWinOverTheName() {
        CommandAcl acl = acl("bw", "lib-cache = users", "lib-cache[/.*--purge.*/] = admins",
                "fs-get[/dbfs:\\S+ dbfs:.*/] = users");

        assertThat(acl.permits(USER, "bw", "lib-cache", List.of())).isTrue();
        assertThat(acl.permits(USER, "bw", "lib-cache", List.of("--purge"))).isFalse();
        assertThat(acl.permits(USER, "bw", "fs-get", List.of("dbfs:/a", "dbfs:/b"))).isTrue();
        assertThat(acl.permits(USER, "bw", "fs-get", List.of("dbfs:/a", "/etc/passwd"))).isFalse();
    }

    @Test
    void anArgumentPatternThatDoesNotCompileAdmitsAdminsOnly() {
        CommandAcl acl = acl("bw", "lib-cache = users", "lib-cache[/(unclosed/] = users");

        assertThat(acl.permits(USER, "bw", "lib-cache", List.of())).isFalse();
    }

    @Test
    void namesAreMatchedWithoutRegardToCase() {
        CommandAcl acl = acl("BW", "Clusters = users");

        assertThat(acl.permits(USER, "bw", "CLUSTERS", List.of())).isTrue();
    }

    @Test
    void theDefaultFileCoversScopesWithoutAFileOfTheirOwn() {
        CommandAcl acl = CommandAcl.of(Map.of("default", Map.of("hello", "users"), "bw", Map.of("clusters", "users")));

        assertThat(acl.permits(USER, "acme", "hello", List.of())).isTrue();
        assertThat(acl.permits(USER, "acme", "bye", List.of())).isFalse();
        assertThat(acl.permits(USER, "bw", "hello", List.of())).isFalse();
    }

    @Test
    void aRefusalIsOneLineNamingWhoMay() {
        CommandAcl acl = acl("bw", "sql = analysts, admins");

        assertThatThrownBy(() -> acl.check(USER, "felix", "install", List.of("x")))
                .isInstanceOfSatisfying(BrickworksException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.PERMISSION_DENIED))
                .hasMessage("Permission denied: felix:install is for admins");
        assertThatThrownBy(() -> acl.check(USER, "bw", "sql", List.of()))
                .hasMessage("Permission denied: bw:sql is for admins and members of analysts");
        assertThatThrownBy(() -> acl.check(USER, "shell", ".redirect", List.of()))
                .hasMessage("Permission denied: redirecting to or from host files (shell:.redirect) is for admins");
    }
}
