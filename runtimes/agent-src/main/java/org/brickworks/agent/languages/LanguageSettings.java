package org.brickworks.agent.languages;

import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * How the agent starts its built-in interpreters.
 *
 * @param scratch
 *            a folder of the agent's own (the Python kernel's script is copied there)
 * @param python
 *            the Python executable ({@code python3} on the PATH by default, {@code --python} changes it)
 * @param r
 *            the R executable ({@code R} on the PATH by default, {@code --r} changes it)
 * @param connectPort
 *            the driver's Spark Connect port, for PySpark's {@code spark}; empty when Connect is off
 * @param host
 *            the host Spark Connect listens on
 * @param sparkVersion
 *            the runtime's Spark version, named in the "install PySpark" message
 */
public record LanguageSettings(Path scratch, String python, String r, OptionalInt connectPort, String host,
        String sparkVersion) {
}
