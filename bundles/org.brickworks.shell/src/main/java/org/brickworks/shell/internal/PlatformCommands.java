package org.brickworks.shell.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.felix.service.command.Descriptor;
import org.brickworks.core.api.PlatformInfo;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;

/** {@code bw:status}: what the platform is and whether its parts are up. */
@Component
public class PlatformCommands extends CommandGroup {
    private final BundleContext context;
    private final ServiceComponentRuntime components;

    @Activate
    public PlatformCommands(@Reference ServiceComponentRuntime components, BundleContext context) {
        this.components = components;
        this.context = context;
    }

    @Descriptor("Show the platform's version, uptime, bundles by state and the state of its services")
    public String status() {
        PlatformInfo platform = service(PlatformInfo.class, "platform");
        Duration uptime = Duration.between(platform.startedAt(), Instant.now()).withNanos(0);
        StringBuilder out = new StringBuilder().append("Brickworks ").append(platform.version()).append('\n')
                .append("Uptime:    ").append(uptime.toString().substring(2).toLowerCase()).append('\n')
                .append("Data:      ").append(platform.dataDirectory()).append('\n').append("Bundles:   ")
                .append(bundlesByState()).append("\n\n");
        Table services = new Table("SERVICE", "STATE");
        brickworksComponents().forEach((name, state) -> services.row(name, state));
        return out.append(services).toString();
    }

    private String bundlesByState() {
        Map<String, Long> counts = Stream.of(context.getBundles())
                .collect(Collectors.groupingBy(PlatformCommands::stateName, TreeMap::new, Collectors.counting()));
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    private Map<String, String> brickworksComponents() {
        Map<String, String> states = new TreeMap<>();
        components.getComponentDescriptionDTOs().stream().filter(d -> d.name.startsWith("org.brickworks."))
                .forEach(d -> states.put(d.name.replaceFirst("^org\\.brickworks\\.", ""),
                        components.getComponentConfigurationDTOs(d).stream().map(PlatformCommands::stateName)
                                .findFirst().orElse(components.isComponentEnabled(d) ? "unused" : "disabled")));
        return states;
    }

    private static String stateName(ComponentConfigurationDTO configuration) {
        return switch (configuration.state) {
        case ComponentConfigurationDTO.ACTIVE -> "active";
        case ComponentConfigurationDTO.SATISFIED -> "satisfied";
        case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "waiting for "
                + String.join(", ", Stream.of(configuration.unsatisfiedReferences).map(r -> r.name).toList());
        case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "waiting for configuration";
        default -> "failed";
        };
    }

    private static String stateName(Bundle bundle) {
        return switch (bundle.getState()) {
        case Bundle.ACTIVE -> "active";
        case Bundle.RESOLVED -> "resolved";
        case Bundle.INSTALLED -> "installed";
        case Bundle.STARTING -> "starting";
        case Bundle.STOPPING -> "stopping";
        default -> "uninstalled";
        };
    }
}
