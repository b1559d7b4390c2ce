/**
 * The platform↔driver agent contract: the agent's HTTP paths ({@link org.brickworks.agent.protocol.AgentPaths}), the
 * records each request and answer carries (JSON by Jackson, field names as the record components, camelCase; the
 * agent refuses a request with a field its record does not have), the sealed
 * {@link org.brickworks.agent.protocol.Result} of a command, how a driver is started
 * ({@link org.brickworks.agent.protocol.AgentLaunch}), the platform's paths the agent calls back
 * ({@link org.brickworks.agent.protocol.PlatformPaths}), and the SPI of cell languages contributed by plugins
 * ({@link org.brickworks.agent.protocol.CellInterpreterFactory}, found by {@link java.util.ServiceLoader}).
 * <p>
 * Every request to the agent carries {@code Authorization: Bearer <cluster secret>}; errors answer
 * {@link org.brickworks.agent.protocol.ApiError} with the HTTP status of its code.
 */
package org.brickworks.agent.protocol;
