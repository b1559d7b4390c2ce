package org.brickworks.libraries.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.brickworks.execution.api.dto.NotebookLibraries;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.libraries.api.dto.Library;
import org.brickworks.libraries.api.dto.MavenLibrary;
import org.brickworks.libraries.api.dto.PypiLibrary;

/**
 * Notebook-scoped installs written as commands, resolved as cluster libraries are (same caches, same resolver and
 * pip), for one execution context:
 * <ul>
 * <li>{@code %pip install <requirement>... [--index-url URL | -i URL]} in a Python command: pip installs each
 * requirement into its content-addressed folder, which goes on the context's {@code sys.path};</li>
 * <li>{@code %mvn install <group:artifact:version[:classifier]>... [--repo URL]} in a Scala command: the coordinates'
 * closure (Maven Resolver), whose jars go into the context's class loader. {@code %mvn} because the cell names its
 * installer as {@code %pip} does, and Maven coordinates are what the Libraries API's {@code maven} takes.</li>
 * </ul>
 * One magic line a command; requirements may be quoted ({@code "pkg<2"}). Thread-safe.
 */
final class NotebookInstalls {
    private final Function<Library, LibraryResolution.Resolved> resolution;

    NotebookInstalls(Function<Library, LibraryResolution.Resolved> resolution) {
        this.resolution = resolution;
    }

    Optional<NotebookLibraries> resolve(String language, String command) {
        List<String> words = words(command);
        if (words.isEmpty() || !List.of("%pip", "%mvn").contains(words.get(0))) {
            return Optional.empty();
        }
        String magic = words.get(0);
        String expected = magic.equals("%pip") ? "python" : "scala";
        if (!expected.equals(language)) {
            throw BrickworksException.invalidParameter(magic + " runs in " + expected + " commands, not " + language);
        }
        if (words.size() < 2 || !words.get(1).equals("install")) {
            throw BrickworksException.invalidParameter(magic + " takes install: " + usage(magic));
        }
        List<String> names = new ArrayList<>();
        String repository = null;
        String option = magic.equals("%pip") ? "--index-url" : "--repo";
        for (int i = 2; i < words.size(); i++) {
            String word = words.get(i);
            if ((word.equals(option) || (magic.equals("%pip") && word.equals("-i"))) && i + 1 < words.size()) {
                repository = words.get(++i);
            } else if (word.startsWith("-")) {
                throw BrickworksException.invalidParameter("Unsupported option " + word + ": " + usage(magic));
            } else {
                names.add(word);
            }
        }
        if (names.isEmpty()) {
            throw BrickworksException.invalidParameter("Nothing to install: " + usage(magic));
        }
        return Optional.of(magic.equals("%pip") ? pip(names, repository) : maven(names, repository));
    }

    private NotebookLibraries pip(List<String> requirements, String index) {
        List<Path> folders = new ArrayList<>();
        for (String requirement : requirements) {
            folders.addAll(resolution.apply(new Library(null, new PypiLibrary(requirement, index), null, null))
                    .pythonPaths());
        }
        return new NotebookLibraries(List.of(), folders,
                "Installed " + String.join(" ", requirements) + " with pip for this notebook");
    }

    private NotebookLibraries maven(List<String> coordinates, String repository) {
        Set<Path> jars = new LinkedHashSet<>();
        for (String coordinate : coordinates) {
            Library library = new Library(new MavenLibrary(coordinate, repository, List.of()), null, null, null);
            LibraryResolution.validate(library);
            jars.addAll(resolution.apply(library).jars());
        }
        List<String> names = jars.stream().map(jar -> jar.getFileName().toString()).toList();
        return new NotebookLibraries(List.copyOf(jars), List.of(),
                "Installed " + String.join(" ", coordinates) + " for this notebook: " + String.join(", ", names));
    }

    private static String usage(String magic) {
        return magic.equals("%pip") ? "%pip install <requirement>... [--index-url URL]"
                : "%mvn install <group:artifact:version[:classifier]>... [--repo URL]";
    }

    /** The command's words; one line only, single or double quotes group words. */
    static List<String> words(String command) {
        String text = command.strip();
        if (text.contains("\n")) {
            String first = text.lines().findFirst().orElse("");
            if (first.startsWith("%pip") || first.startsWith("%mvn")) {
                throw BrickworksException.invalidParameter(
                        "A " + first.split("\\s")[0] + " command is one line: put other code in its own command");
            }
            return List.of();
        }
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (Character.isWhitespace(c)) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }
}
