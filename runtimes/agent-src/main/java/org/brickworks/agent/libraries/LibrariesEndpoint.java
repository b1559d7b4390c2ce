package org.brickworks.agent.libraries;

import java.nio.file.Path;
import java.util.List;

import org.brickworks.agent.http.ApiException;
import org.brickworks.agent.http.Routes;
import org.brickworks.agent.protocol.AgentPaths;
import org.brickworks.agent.protocol.Libraries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /libraries} installs cluster libraries (paths on the driver's host); {@code GET /libraries} lists them.
 * Both answer everything installed, oldest first. (Notebook-scoped installs are commands of their context: see the
 * execution endpoints.)
 */
public final class LibrariesEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(LibrariesEndpoint.class);

    private final ClusterLibraries libraries;

    public LibrariesEndpoint(ClusterLibraries libraries) {
        this.libraries = libraries;
    }

    public void addTo(Routes routes) {
        routes.add("GET", AgentPaths.LIBRARIES, (exchange, id) -> list())
                .add("POST", AgentPaths.LIBRARIES, (exchange, id) -> install(exchange.body(Libraries.class)));
    }

    private Libraries install(Libraries request) {
        long began = System.nanoTime();
        try {
            libraries.add(paths(request.jars()), paths(request.pythonPaths()));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(e.getMessage());
        }
        LOG.info("Cluster libraries: {} jars and {} Python paths installed in {} ms", request.jars().size(),
                request.pythonPaths().size(), (System.nanoTime() - began) / 1_000_000);
        return list();
    }

    private Libraries list() {
        return new Libraries(libraries.jars().stream().map(Path::toString).toList(),
                libraries.pythonPaths().stream().map(Path::toString).toList());
    }

    private static List<Path> paths(List<String> files) {
        return files.stream().map(Path::of).toList();
    }
}
