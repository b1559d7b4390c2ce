package org.brickworks.agent.protocol;

/** The id of what a request created or acted on: a context or a command. */
public record Id(String id) {
}
