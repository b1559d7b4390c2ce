package org.brickworks.examples.ldap;

import java.util.Map;

/**
 * Where the directory is and how its entries look, from {@code etc/org.brickworks.examples.ldap.cfg}. The defaults fit
 * the common {@code inetOrgPerson} / {@code groupOfNames} layout.
 */
record LdapSettings(String url, String bindDn, String bindPassword, String userBase, String userFilter,
        String userNameAttribute, String groupBase, String groupFilter, String memberAttribute) {

    static LdapSettings of(Map<String, ?> config) {
        return new LdapSettings(text(config, "url", "ldap://127.0.0.1:389"), text(config, "bindDn", ""),
                text(config, "bindPassword", ""), text(config, "userBase", ""),
                text(config, "userFilter", "(objectClass=inetOrgPerson)"), text(config, "userNameAttribute", "uid"),
                text(config, "groupBase", ""), text(config, "groupFilter", "(objectClass=groupOfNames)"),
                text(config, "memberAttribute", "member"));
    }

    private static String text(Map<String, ?> config, String key, String absent) {
        Object value = config.get(key);
        return value == null ? absent : value.toString();
    }
}
