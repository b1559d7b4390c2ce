package org.brickworks.examples.sh;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.brickworks.execution.api.CellLanguage;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The cell language {@code sh}: shell commands on the cluster's driver node, run there by the interpreter of the jar
 * this bundle carries ({@code driver/sh-driver.jar}). The platform reads {@link #driverJars()} and pushes the jar to
 * every driver; when this bundle goes, so does the language, on the platform and on the drivers.
 */
@Component(property = CellLanguage.NAME_PROPERTY + "=sh")
public class ShellLanguage implements CellLanguage {
    private final Path driverJar;

    /** Unpacks the driver jar into the bundle's data area, named after this install so an update gets a new file. */
    @Activate
    public ShellLanguage(BundleContext context) {
        Bundle bundle = context.getBundle();
        URL entry = bundle.getEntry("driver/sh-driver.jar");
        Path jar = context.getDataFile("sh-driver-" + bundle.getLastModified() + ".jar").toPath();
        try (InputStream in = entry.openStream()) {
            if (!Files.exists(jar)) {
                Path partial = Files.createTempFile(jar.getParent(), "sh-driver", ".part");
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack the %sh driver jar", e);
        }
        this.driverJar = jar;
    }

    @Override
    public String description() {
        return "Shell commands on the driver node";
    }

    @Override
    public List<Path> driverJars() {
        return List.of(driverJar);
    }
}
