package org.brickworks.agent.protocol;

/**
 * {@code GET /contexts/<id>}.
 *
 * @param status
 *            {@code Running}: contexts are ready as soon as they exist
 * @param user
 *            the user who owns the context ({@link CreateContext#user()}), null for none
 */
public record ContextInfo(String id, String status, String language, String user) {
}
