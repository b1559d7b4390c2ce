package org.brickworks.security.api.dto;

/** A new token: its value, shown only this once, and its description. */
public record CreatedToken(String tokenValue, TokenInfo info) {
    @Override
    public String toString() {
        return "CreatedToken[" + info + "]";
    }
}
