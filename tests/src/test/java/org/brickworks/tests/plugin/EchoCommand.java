package org.brickworks.tests.plugin;

import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.felix.service.command.Descriptor;

/**
 * The command {@code test:echo} of the plugin {@link org.brickworks.tests.TestJars#commandPlugin} packs, as a
 * third-party bundle writes one: a Declarative Services component with Gogo's standard properties and annotations,
 * nothing of Brickworks.
 */
public class EchoCommand {
    @Descriptor("Print each argument in angle brackets, one a line")
    public String echo(@Descriptor("the arguments") String... words) {
        return Stream.of(words).map(word -> "<" + word + ">").collect(Collectors.joining("\n"));
    }
}
