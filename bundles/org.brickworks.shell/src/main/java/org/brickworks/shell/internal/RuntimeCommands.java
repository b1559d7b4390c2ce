package org.brickworks.shell.internal;

import org.apache.felix.service.command.Descriptor;
import org.brickworks.runtimes.api.RuntimeInstaller;
import org.brickworks.runtimes.api.RuntimeRegistry;
import org.brickworks.runtimes.api.dto.RuntimePlugin;
import org.osgi.service.component.annotations.Component;

/** Spark runtime versions: {@code bw:runtimes}, {@code bw:runtime-install}, {@code bw:runtime-remove}. */
@Component
public class RuntimeCommands extends CommandGroup {
    @Descriptor("List the Spark runtime versions the installed runtime plugins offer")
    public String runtimes() {
        Table table = new Table("KEY", "NAME", "SPARK", "SCALA", "DELTA");
        runtimeRegistry().list()
                .forEach(r -> table.row(r.key(), r.name(), r.sparkVersion(), r.scalaVersion(), r.deltaVersion()));
        return table.toString();
    }

    @Descriptor("Install a runtime plugin bundle and start it; its Spark versions are offered at once")
    public String runtimeInstall(
            @Descriptor("plugin jar: a file on the platform's host, or Maven coordinates group:artifact:version") String source) {
        return describe("Installed", runtimeInstaller().install(source));
    }

    @Descriptor("Remove the runtime plugin offering a Spark version, with all its versions; refused while in use")
    public String runtimeRemove(@Descriptor("key (or alias) of a runtime, as bw:runtimes shows it") String key) {
        return describe("Removed", runtimeInstaller().remove(key));
    }

    static String describe(String what, RuntimePlugin plugin) {
        return what + " " + plugin.symbolicName() + " " + plugin.version() + ": "
                + String.join(", ", plugin.runtimeKeys());
    }

    private RuntimeRegistry runtimeRegistry() {
        return service(RuntimeRegistry.class, "runtimes");
    }

    private RuntimeInstaller runtimeInstaller() {
        return service(RuntimeInstaller.class, "installer");
    }
}
