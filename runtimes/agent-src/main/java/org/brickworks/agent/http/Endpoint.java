package org.brickworks.agent.http;

/** What answers one route of the agent's API. */
@FunctionalInterface
public interface Endpoint {

    /**
     * Answers a request with a protocol record, which becomes the JSON body of a 200 answer; a refusal is an
     * {@link ApiException}.
     *
     * @param id
     *            the path's {@link Routes#ID} segment (a context's or command's id), null when the route has none
     */
    Object answer(JsonExchange exchange, String id) throws Exception;
}
