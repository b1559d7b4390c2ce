package org.brickworks.shell.ssh.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where the SSH shell listens; PID {@value SshShellServer#PID}. A change restarts the listener. */
@ObjectClassDefinition(name = "Brickworks SSH shell",
        description = "The SSH endpoint of the Brickworks shell: log in with a personal access token or a key "
                + "listed in <data>/ssh/authorized_keys.")
@interface Config {

    @AttributeDefinition(name = "Port", min = "0", max = "65535",
            description = "TCP port of the SSH server; 0 picks a free port.")
    int port() default 8101;

    @AttributeDefinition(name = "Host",
            description = "Address the SSH server binds to; 127.0.0.1 keeps it local, 0.0.0.0 opens it to the network.")
    String host() default "127.0.0.1";
}
