package org.brickworks.runtimes.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.brickworks.core.api.BrickworksException;

/**
 * Where a runtime plugin comes from: a jar file on this host, or Maven coordinates {@code group:artifact:version}. An
 * existing file wins, so a file named like coordinates is still a file.
 *
 * @param file
 *            the jar, or {@code null} for coordinates
 * @param coordinates
 *            {@code group:artifact:version}, or {@code null} for a file
 */
record PluginSource(Path file, String coordinates) {
    private static final Pattern COORDINATES = Pattern.compile("[^:/\\\\\\s]+:[^:/\\\\\\s]+:[^:/\\\\\\s]+");

    /**
     * The source {@code text} names.
     *
     * @throws BrickworksException
     *             {@code INVALID_PARAMETER_VALUE} when it is neither an existing file nor coordinates
     */
    static PluginSource parse(String text) {
        String source = text == null ? "" : text.trim();
        if (source.isEmpty()) {
            throw BrickworksException.invalidParameter("No plugin given: a jar file or group:artifact:version");
        }
        Path path = Path.of(source).toAbsolutePath().normalize();
        if (Files.isRegularFile(path)) {
            return new PluginSource(path, null);
        }
        if (COORDINATES.matcher(source).matches()) {
            return new PluginSource(null, source);
        }
        throw BrickworksException.invalidParameter("No file " + path + ", and " + source
                + " is not Maven coordinates group:artifact:version either");
    }

    /** The bundle location the framework records: the file's URI, or {@code mvn:group/artifact/version}. */
    String location() {
        return file != null ? file.toUri().toString() : "mvn:" + coordinates.replace(':', '/');
    }

    @Override
    public String toString() {
        return file != null ? file.toString() : coordinates;
    }
}
