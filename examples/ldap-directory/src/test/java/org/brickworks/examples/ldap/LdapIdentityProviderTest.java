package org.brickworks.examples.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.brickworks.security.api.dto.ExternalDirectory;
import org.brickworks.security.api.dto.ExternalDirectory.ExternalGroup;
import org.brickworks.security.api.dto.ExternalDirectory.ExternalUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;

/** The plugin against a real LDAP server: UnboundID's in-memory directory, on a free port of loopback. */
class LdapIdentityProviderTest {
    private InMemoryDirectoryServer server;
    private LdapIdentityProvider provider;

    @BeforeEach
    void startDirectory() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
        config.addAdditionalBindCredentials("cn=reader", "reader-password");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
        server = new InMemoryDirectoryServer(config);
        server.add("dn: dc=example,dc=com", "objectClass: top", "objectClass: domain", "dc: example");
        server.add("dn: ou=people,dc=example,dc=com", "objectClass: organizationalUnit", "ou: people");
        server.add("dn: ou=groups,dc=example,dc=com", "objectClass: organizationalUnit", "ou: groups");
        person("grace", "Grace Hopper", "Grace", "Hopper");
        person("ken", "Ken Thompson", "Ken", "Thompson");
        server.add("dn: cn=compilers,ou=groups,dc=example,dc=com", "objectClass: groupOfNames", "cn: compilers",
                "member: uid=grace,ou=people,dc=example,dc=com");
        server.add("dn: cn=admins,ou=groups,dc=example,dc=com", "objectClass: groupOfNames", "cn: admins",
                "member: uid=ken,ou=people,dc=example,dc=com", "member: uid=ghost,ou=people,dc=example,dc=com");
        server.startListening();
        provider = new LdapIdentityProvider(Map.of("url", "ldap://127.0.0.1:" + server.getListenPort(), "bindDn",
                "cn=reader", "bindPassword", "reader-password", "userBase", "ou=people,dc=example,dc=com",
                "groupBase", "ou=groups,dc=example,dc=com"));
    }

    private void person(String uid, String cn, String givenName, String sn) throws Exception {
        server.add("dn: uid=" + uid + ",ou=people,dc=example,dc=com", "objectClass: inetOrgPerson", "uid: " + uid,
                "cn: " + cn, "givenName: " + givenName, "sn: " + sn, "userPassword: " + uid + "-password");
    }

    @AfterEach
    void stopDirectory() {
        server.shutDown(true);
    }

    @Test
    void readsUsersAndGroupsWithTheirMembersByUserName() {
        ExternalDirectory directory = provider.read();

        assertEquals(List.of(new ExternalUser("grace", "Grace Hopper", "Grace", "Hopper"),
                new ExternalUser("ken", "Ken Thompson", "Ken", "Thompson")),
                directory.users().stream().sorted((a, b) -> a.userName().compareTo(b.userName())).toList());
        assertEquals(List.of(new ExternalGroup("admins", List.of("ken")),
                new ExternalGroup("compilers", List.of("grace"))),
                directory.groups().stream().sorted((a, b) -> a.displayName().compareTo(b.displayName())).toList());
    }

    @Test
    void checksPasswordsByBindingAsTheUser() {
        assertTrue(provider.authenticate("grace", "grace-password".toCharArray()));
        assertFalse(provider.authenticate("grace", "ken-password".toCharArray()));
        assertFalse(provider.authenticate("grace", new char[0]));
        assertFalse(provider.authenticate("nobody", "x".toCharArray()));
        assertFalse(provider.authenticate("*", "grace-password".toCharArray()));
    }

    @Test
    void anUnreachableDirectoryFailsReadingWithItsUrl() {
        server.shutDown(true);
        IllegalStateException e = assertThrows(IllegalStateException.class, provider::read);
        assertTrue(e.getMessage().contains("ldap://127.0.0.1:"), e.getMessage());
    }
}
