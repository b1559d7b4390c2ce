package org.brickworks.shell.internal;

import org.apache.felix.service.command.Descriptor;
import org.brickworks.runtimes.api.RuntimeRegistry;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Spark runtime versions: {@code bw:runtimes}. */
@Component
public class RuntimeCommands implements ShellCommands {
    @Reference(policyOption = ReferencePolicyOption.GREEDY)
    private volatile RuntimeRegistry runtimes;

    @Descriptor("List the Spark runtime versions the installed runtime plugins offer")
    public String runtimes() {
        Table table = new Table("KEY", "NAME", "SPARK", "SCALA", "DELTA");
        runtimes.list()
                .forEach(r -> table.row(r.key(), r.name(), r.sparkVersion(), r.scalaVersion(), r.deltaVersion()));
        return table.toString();
    }
}
