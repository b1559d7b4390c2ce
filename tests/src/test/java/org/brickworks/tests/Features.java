package org.brickworks.tests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The bundles of the product's features, as built: plugin ids from each feature jar in the product's p2 repository,
 * jars from the same repository. No second list of bundles exists.
 */
final class Features {
    static final Path ROOT = Path.of(System.getProperty("brickworks.root", "..")).toAbsolutePath().normalize();
    static final Path REPOSITORY = ROOT.resolve("product/target/repository");
    /** The assembled distribution, as {@code ./mvnw package} leaves it. */
    static final Path DISTRIBUTION = ROOT.resolve("product/target/brickworks");

    private Features() {
    }

    /** The jars of {@code features}' plugins, except {@code excluded} ids. */
    static List<Path> bundles(Set<String> excluded, String... features) {
        List<Path> jars = new ArrayList<>();
        for (String feature : features) {
            for (String id : pluginIds(feature)) {
                if (!excluded.contains(id)) {
                    jars.add(jar(REPOSITORY.resolve("plugins"), id));
                }
            }
        }
        return jars;
    }

    static Path jar(Path folder, String id) {
        try (DirectoryStream<Path> matches = Files.newDirectoryStream(folder, id + "_*.jar")) {
            for (Path match : matches) {
                return match;
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list " + folder, e);
        }
        throw new IllegalStateException("No jar for " + id + " in " + folder + ": run ./mvnw package first");
    }

    private static List<String> pluginIds(String feature) {
        Path jar = jar(REPOSITORY.resolve("features"), feature);
        try (JarFile file = new JarFile(jar.toFile());
                InputStream xml = file.getInputStream(file.getEntry("feature.xml"))) {
            NodeList plugins = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml)
                    .getElementsByTagName("plugin");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < plugins.getLength(); i++) {
                ids.add(((Element) plugins.item(i)).getAttribute("id"));
            }
            return ids;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the features of " + jar, e);
        }
    }
}
