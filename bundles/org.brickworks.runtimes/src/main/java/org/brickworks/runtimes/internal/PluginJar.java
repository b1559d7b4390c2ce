package org.brickworks.runtimes.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.brickworks.core.api.BrickworksException;

/**
 * What a jar's manifest says about it as a bundle, read before the framework sees it so that a jar that is no bundle is
 * refused with a clear reason.
 *
 * @param symbolicName
 *            Bundle-SymbolicName without its directives
 * @param version
 *            Bundle-Version, {@code 0.0.0} when absent (as OSGi reads it)
 */
record PluginJar(String symbolicName, String version) {

    /**
     * The bundle identity of {@code jar}.
     *
     * @throws BrickworksException
     *             {@code INVALID_PARAMETER_VALUE} when it is not a jar, or a jar without Bundle-SymbolicName
     */
    static PluginJar read(Path jar, String source) {
        Manifest manifest;
        try (JarFile file = new JarFile(jar.toFile())) {
            manifest = file.getManifest();
        } catch (IOException e) {
            throw BrickworksException.invalidParameter(source + " is not a jar: " + e.getMessage());
        }
        Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
        String symbolicName = main.getValue("Bundle-SymbolicName");
        if (symbolicName == null || symbolicName.isBlank()) {
            throw BrickworksException
                    .invalidParameter(source + " is not an OSGi bundle: its manifest has no Bundle-SymbolicName");
        }
        String version = main.getValue("Bundle-Version");
        return new PluginJar(symbolicName.split(";", 2)[0].trim(),
                version == null || version.isBlank() ? "0.0.0" : version.trim());
    }
}
