package org.brickworks.runtimes.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Brickworks runtime installer",
        description = "Installs and removes runtime plugin bundles (bw:runtime-install, bw:runtime-remove)")
@interface RuntimeInstallerConfig {
    @AttributeDefinition(name = "Registration wait", description = "Seconds a started plugin has to offer a valid "
            + "runtime before it is refused and uninstalled")
    int registrationTimeoutSeconds() default 10;

    @AttributeDefinition(name = "Hot-deploy folder", description = "The folder File Install watches for bundles: "
            + "removing a plugin installed from there deletes its file. Empty: plugins/ under the brickworks.home "
            + "framework property")
    String hotDeployFolder() default "";
}
