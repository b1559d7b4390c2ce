package org.brickworks.execution.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.brickworks.execution.api.dto.CommandResult;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Extension point: a language of cells and commands. A bundle registers this service with {@value #NAME_PROPERTY}
 * naming the language (lower case, as commands and {@code %<name>} magics give it, e.g. {@code sh}); it is offered
 * while registered. A language runs either on the platform ({@link Placement#PLATFORM}: {@link #run}) or, the
 * default, on the cluster's driver, where the agent runs it with an interpreter of its own ({@code sql},
 * {@code scala}, {@code python}, {@code r}, {@code fs}) or one a {@code CellInterpreterFactory} in
 * {@link #driverJars()} provides (see the agent protocol). A language registered twice is taken from the
 * highest-ranked service; a service without a valid name is logged and ignored.
 */
@ConsumerType
public interface CellLanguage {
    /** Service property: the language's name, lower case letters, digits and dashes. */
    String NAME_PROPERTY = "brickworks.language";

    /** Where a language's commands run. */
    enum Placement {
        /** On the cluster's driver, through the agent. */
        DRIVER,
        /** On the platform, by {@link CellLanguage#run}: it needs no cluster's state. */
        PLATFORM
    }

    /** One line for help texts and pickers, e.g. {@code Shell commands on the driver node}. */
    String description();

    default Placement placement() {
        return Placement.DRIVER;
    }

    /**
     * Jars on the platform's host that drivers load to run this language; empty for the agent's built-in languages.
     * Read when a driver starts and whenever languages change.
     */
    default List<Path> driverJars() {
        return List.of();
    }

    /**
     * Runs a command of a {@link Placement#PLATFORM} language.
     *
     * @param parameters
     *            widget values of the command
     * @throws UnsupportedOperationException
     *             for a language that runs on the driver
     */
    default CommandResult run(String command, Map<String, String> parameters) {
        throw new UnsupportedOperationException("This language runs on the driver");
    }
}
