package org.brickworks.examples.ldap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.brickworks.security.api.IdentityProvider;
import org.brickworks.security.api.dto.ExternalDirectory;
import org.brickworks.security.api.dto.ExternalDirectory.ExternalGroup;
import org.brickworks.security.api.dto.ExternalDirectory.ExternalUser;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;

/**
 * An {@link IdentityProvider} named {@code ldap}: the users and groups of an LDAP directory (OpenLDAP, Active
 * Directory, ...), read with the UnboundID LDAP SDK. Users are the entries {@code userFilter} finds under
 * {@code userBase}, named by {@code userNameAttribute}; groups those {@code groupFilter} finds under
 * {@code groupBase}, their members the user DNs in {@code memberAttribute}. A password is checked by binding as the
 * user. Active only with {@code etc/org.brickworks.examples.ldap.cfg}. Each call opens its own connection:
 * thread-safe.
 */
@Component(configurationPid = LdapIdentityProvider.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = IdentityProvider.NAME + "=ldap")
public class LdapIdentityProvider implements IdentityProvider {
    static final String PID = "org.brickworks.examples.ldap";

    private final LdapSettings settings;
    private final LDAPURL url;

    @Activate
    public LdapIdentityProvider(Map<String, Object> config) {
        this(LdapSettings.of(config));
    }

    LdapIdentityProvider(LdapSettings settings) {
        this.settings = settings;
        try {
            this.url = new LDAPURL(settings.url());
        } catch (LDAPException e) {
            throw new IllegalArgumentException("url: not an LDAP URL: " + settings.url(), e);
        }
    }

    @Override
    public ExternalDirectory read() {
        try (LDAPConnection connection = connect()) {
            Map<DN, String> names = new HashMap<>();
            List<ExternalUser> users = new ArrayList<>();
            for (SearchResultEntry entry : connection.search(settings.userBase(), SearchScope.SUB,
                    settings.userFilter(), settings.userNameAttribute(), "cn", "givenName", "sn").getSearchEntries()) {
                String name = entry.getAttributeValue(settings.userNameAttribute());
                if (name != null) {
                    names.put(entry.getParsedDN(), name);
                    users.add(new ExternalUser(name, entry.getAttributeValue("cn"),
                            entry.getAttributeValue("givenName"), entry.getAttributeValue("sn")));
                }
            }
            List<ExternalGroup> groups = new ArrayList<>();
            for (SearchResultEntry entry : connection.search(settings.groupBase(), SearchScope.SUB,
                    settings.groupFilter(), "cn", settings.memberAttribute()).getSearchEntries()) {
                List<String> members = new ArrayList<>();
                String[] dns = entry.getAttributeValues(settings.memberAttribute());
                for (String dn : dns == null ? new String[0] : dns) {
                    String name = names.get(new DN(dn));
                    if (name != null) {
                        members.add(name);
                    }
                }
                groups.add(new ExternalGroup(entry.getAttributeValue("cn"), members));
            }
            return new ExternalDirectory(users, groups);
        } catch (LDAPException e) {
            throw new IllegalStateException("Cannot read the directory at " + settings.url() + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public boolean authenticate(String userName, char[] password) {
        if (password.length == 0) {
            return false; // an empty password would be an anonymous bind, which always succeeds
        }
        String dn;
        try (LDAPConnection connection = connect()) {
            List<SearchResultEntry> found = connection.search(settings.userBase(), SearchScope.SUB,
                    Filter.createANDFilter(Filter.create(settings.userFilter()),
                            Filter.createEqualityFilter(settings.userNameAttribute(), userName)))
                    .getSearchEntries();
            if (found.size() != 1) {
                return false;
            }
            dn = found.get(0).getDN();
        } catch (LDAPException e) {
            throw new IllegalStateException("Cannot search the directory at " + settings.url(), e);
        }
        try (LDAPConnection asUser = new LDAPConnection(url.getHost(), url.getPort())) {
            asUser.bind(dn, new String(password));
            return true;
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                return false;
            }
            throw new IllegalStateException("Cannot check a password at " + settings.url(), e);
        }
    }

    private LDAPConnection connect() throws LDAPException {
        LDAPConnection connection = new LDAPConnection(url.getHost(), url.getPort());
        if (!settings.bindDn().isEmpty()) {
            try {
                connection.bind(settings.bindDn(), settings.bindPassword());
            } catch (LDAPException e) {
                connection.close();
                throw e;
            }
        }
        return connection;
    }
}
