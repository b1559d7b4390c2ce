package org.brickworks.agent.protocol;

import java.util.List;

/**
 * Cluster libraries: jars (the driver's cluster-libraries class loader and Spark's jars) and Python folders (the
 * Python path), as files on the driver's host. What is installed already is skipped; nothing is ever removed from a
 * running driver.
 */
public record Libraries(List<String> jars, List<String> pythonPaths) {
    public Libraries {
        jars = jars == null ? List.of() : List.copyOf(jars);
        pythonPaths = pythonPaths == null ? List.of() : List.copyOf(pythonPaths);
    }
}
