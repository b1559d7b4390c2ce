package org.brickworks.execution.api.dto;

import java.nio.file.Path;
import java.util.List;

/**
 * What a notebook-scoped install adds to one execution context.
 *
 * @param jars
 *            jar files on the platform's host, in classpath order, for the context's class loader
 * @param pythonPaths
 *            folders on the platform's host (pip {@code --target} installs) for the context's {@code sys.path}
 * @param summary
 *            the install command's text result, e.g. which files were installed
 */
public record NotebookLibraries(List<Path> jars, List<Path> pythonPaths, String summary) {
    public NotebookLibraries {
        jars = List.copyOf(jars);
        pythonPaths = List.copyOf(pythonPaths);
    }
}
