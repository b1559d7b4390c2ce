package org.brickworks.security.api.dto;

/**
 * What is known of a token without its value, in Databricks' terms: times in epoch milliseconds, {@code expiryTime} -1
 * when it never expires.
 */
public record TokenInfo(String tokenId, String userName, String comment, long creationTime, long expiryTime) {
}
