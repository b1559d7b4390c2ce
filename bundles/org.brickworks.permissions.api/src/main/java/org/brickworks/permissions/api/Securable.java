package org.brickworks.permissions.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the permissions service needs to know of one object from the area that keeps it.
 *
 * @param owner
 *            the user or service principal that created it (it holds the type's
 *            {@linkplain SecurableType#ownerLevel() owner level}), null when none is known
 * @param parents
 *            the objects it inherits permissions from, nearest first (a notebook's folder, that folder's folder, up to
 *            the workspace root); empty for objects that inherit only from their type's root
 * @param parentOwners
 *            the owners of {@code parents}, in their order (null where none is known): the owner of a folder holds
 *            the owner level on everything below it, as the creator of a Databricks folder does
 */
public record Securable(String owner, List<ObjectRef> parents, List<String> parentOwners) {
    public Securable {
        parents = List.copyOf(parents);
        parentOwners = Collections.unmodifiableList(new ArrayList<>(parentOwners));
        if (parentOwners.size() != parents.size()) {
            throw new IllegalArgumentException("One owner per parent, null where none is known");
        }
    }

    /** An object without parents. */
    public Securable(String owner) {
        this(owner, List.of(), List.of());
    }
}
