package org.brickworks.agent.http;

import java.util.ArrayList;
import java.util.List;

/**
 * The agent's routes: a method and a path template to an {@link Endpoint}. Templates are the protocol's paths
 * ({@link org.brickworks.agent.protocol.AgentPaths}), those of one context or command made with {@link #ID} as its id
 * ({@code AgentPaths.commandCancel(Routes.ID)}), so no path is spelt out twice. Filled while the agent starts, read
 * by request threads afterwards.
 */
public final class Routes {

    /** The path segment a route takes as its endpoint's {@code id}. */
    public static final String ID = "{id}";

    private record Route(String method, List<String> template, Endpoint endpoint) {
    }

    /** A request's endpoint and the id its path carries (null when none). */
    record Match(Endpoint endpoint, String id) {
    }

    private final List<Route> routes = new ArrayList<>();

    public Routes add(String method, String template, Endpoint endpoint) {
        routes.add(new Route(method, JsonExchange.segments(template), endpoint));
        return this;
    }

    /** The route of {@code method} and {@code path} segments, or null. */
    Match match(String method, List<String> path) {
        for (Route route : routes) {
            String id = idOf(route.template(), path);
            if (route.method().equals(method) && id != null) {
                return new Match(route.endpoint(), id.isEmpty() ? null : id);
            }
        }
        return null;
    }

    /** The path's id when it fits the template ("" when the template has none), null when it does not fit. */
    private static String idOf(List<String> template, List<String> path) {
        if (template.size() != path.size()) {
            return null;
        }
        String id = "";
        for (int i = 0; i < template.size(); i++) {
            if (template.get(i).equals(ID)) {
                id = path.get(i);
            } else if (!template.get(i).equals(path.get(i))) {
                return null;
            }
        }
        return id;
    }
}
