package org.brickworks.shell.ssh.internal.acl;

import java.io.IOException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command ACLs in force, kept from Configuration Admin: every configuration whose PID is {@value #PID_PREFIX}
 * followed by a scope (File Install reads {@code etc/org.apache.karaf.command.acl.<scope>.cfg} into one), read again
 * whenever one of them changes, so an edit of a file applies within File Install's poll. While Configuration Admin is
 * away (an update of its bundle) the last rules stay; before any were read, every command is for administrators only.
 * Thread-safe.
 */
@Component(service = { CommandAcls.class, ConfigurationListener.class })
public class CommandAcls implements ConfigurationListener, Supplier<CommandAcl> {
    /** Karaf's PIDs, so that its ACL files can be copied as they are. */
    public static final String PID_PREFIX = "org.apache.karaf.command.acl.";

    private static final Logger LOG = LoggerFactory.getLogger(CommandAcls.class);

    private volatile ConfigurationAdmin configurationAdmin;
    private volatile CommandAcl current = CommandAcl.NONE;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindConfigurationAdmin(ConfigurationAdmin admin) {
        configurationAdmin = admin;
        reload();
    }

    void unbindConfigurationAdmin(ConfigurationAdmin admin) {
        if (configurationAdmin == admin) {
            configurationAdmin = null;
        }
    }

    @Activate
    void activate() {
        reload();
    }

    @Override
    public CommandAcl get() {
        return current;
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (event.getPid() != null && event.getPid().startsWith(PID_PREFIX)) {
            reload();
        }
    }

    private synchronized void reload() {
        ConfigurationAdmin admin = configurationAdmin;
        if (admin == null) {
            return;
        }
        try {
            Configuration[] configurations = admin.listConfigurations("(service.pid=" + PID_PREFIX + "*)");
            Map<String, Map<String, Object>> scopes = new HashMap<>();
            for (Configuration configuration : configurations == null ? new Configuration[0] : configurations) {
                String scope = configuration.getPid().substring(PID_PREFIX.length());
                Dictionary<String, Object> properties = configuration.getProperties();
                if (!scope.isEmpty() && !scope.contains(".") && properties != null) {
                    scopes.put(scope, asMap(properties));
                }
            }
            current = CommandAcl.of(scopes);
            LOG.info("SSH command ACLs of scopes {}", current.scopes());
        } catch (IOException | InvalidSyntaxException e) {
            LOG.warn("Cannot read the SSH command ACLs; the previous ones stay in force", e);
        }
    }

    private static Map<String, Object> asMap(Dictionary<String, Object> properties) {
        Map<String, Object> map = new HashMap<>();
        for (String key : Collections.list(properties.keys())) {
            map.put(key, properties.get(key));
        }
        return map;
    }
}
