package org.brickworks.agent;

import java.util.Map;

/**
 * What an interpreter needs to run one command.
 *
 * @param id
 *            the command's id, also its Spark job group
 * @param code
 *            the command's text
 * @param maxRows
 *            the most rows a table result holds (more: {@code truncated: true})
 * @param parameters
 *            widget values: the context's parameters overlaid with the command's
 */
record CommandRun(String id, String code, int maxRows, Map<String, String> parameters) {
}
