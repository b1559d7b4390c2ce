package org.brickworks.agent.protocol;

/**
 * {@code GET /contexts/<id>}.
 *
 * @param status
 *            {@code Running}: contexts are ready as soon as they exist
 */
public record ContextInfo(String id, String status, String language) {
}
