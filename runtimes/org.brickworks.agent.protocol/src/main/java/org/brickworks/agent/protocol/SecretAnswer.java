package org.brickworks.agent.protocol;

import java.util.List;

/**
 * The answer to a {@link SecretRequest}.
 *
 * @param value
 *            a get's value, Base64; null for a list
 * @param names
 *            a list's keys or scopes, by name; null for a get
 */
public record SecretAnswer(String value, List<String> names) {
}
