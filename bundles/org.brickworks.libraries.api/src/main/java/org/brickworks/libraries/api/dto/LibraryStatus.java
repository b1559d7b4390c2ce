package org.brickworks.libraries.api.dto;

import java.util.List;

/**
 * A library on a cluster ({@code library_statuses[]} of the Libraries API 2.0).
 *
 * @param messages
 *            why it FAILED (the resolver's or pip's reason), empty otherwise
 */
public record LibraryStatus(Library library, LibraryState status, List<String> messages) {
    public LibraryStatus {
        messages = List.copyOf(messages);
    }
}
