package org.brickworks.agent.languages;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.brickworks.agent.execution.ExecutionContexts;
import org.brickworks.agent.http.ApiException;
import org.brickworks.agent.http.Routes;
import org.brickworks.agent.protocol.AgentPaths;
import org.brickworks.agent.protocol.LanguageJars;
import org.brickworks.agent.protocol.LanguageList;

/**
 * {@code GET /languages}: the languages the driver runs; {@code PUT /languages}: the plugin languages' jars, the whole
 * list. A language that is no longer listed refuses new commands, and the contexts close their interpreters of it.
 */
public final class LanguagesEndpoint {

    private final Languages languages;
    private final ExecutionContexts contexts;

    public LanguagesEndpoint(Languages languages, ExecutionContexts contexts) {
        this.languages = languages;
        this.contexts = contexts;
    }

    public void addTo(Routes routes) {
        routes.add("GET", AgentPaths.LANGUAGES, (exchange, id) -> list())
                .add("PUT", AgentPaths.LANGUAGES, (exchange, id) -> use(exchange.body(LanguageJars.class)));
    }

    private LanguageList use(LanguageJars request) {
        Set<String> removed;
        try {
            List<Path> jars = request.jars().stream().map(Path::of).toList();
            removed = languages.usePlugins(jars);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(e.getMessage());
        }
        if (!removed.isEmpty()) {
            contexts.retire(removed);
        }
        return list();
    }

    private LanguageList list() {
        return new LanguageList(List.copyOf(languages.names()));
    }
}
