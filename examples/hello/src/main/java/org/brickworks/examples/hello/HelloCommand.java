package org.brickworks.examples.hello;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;

/**
 * The shell command {@code hello:greet}: a service with Gogo's standard properties; {@code bw:help} lists it with its
 * {@link Descriptor} texts.
 */
@Component(service = HelloCommand.class, property = { "osgi.command.scope=hello", "osgi.command.function=greet" })
public class HelloCommand {

    @Descriptor("Greet someone, as GET /api/2.0/hello/greet does")
    public String greet(@Descriptor("who to greet") String name) {
        return Greetings.greet(name);
    }
}
