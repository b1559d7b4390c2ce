package org.brickworks.execution.api;

import java.util.Optional;
import java.util.SortedMap;

import org.osgi.annotation.versioning.ProviderType;

/** The {@link CellLanguage}s registered now: the one list of languages every service asks. Thread-safe. */
@ProviderType
public interface LanguageRegistry {

    /** The languages by name. */
    SortedMap<String, CellLanguage> languages();

    Optional<CellLanguage> find(String name);

    /**
     * The language {@code name}.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code INVALID_PARAMETER_VALUE} naming the languages that are installed, when it is not one of them
     */
    CellLanguage require(String name);
}
