package org.brickworks.secrets.api.dto;

/**
 * What listing a scope shows of a secret: never its value.
 *
 * @param lastUpdatedTimestamp
 *            when it was last put, in epoch milliseconds
 */
public record SecretMetadata(String key, long lastUpdatedTimestamp) {
}
