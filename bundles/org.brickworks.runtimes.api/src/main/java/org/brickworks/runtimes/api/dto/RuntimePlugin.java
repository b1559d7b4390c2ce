package org.brickworks.runtimes.api.dto;

import java.util.List;

/**
 * A runtime plugin bundle, as installed or removed.
 *
 * @param symbolicName
 *            its Bundle-SymbolicName, e.g. {@code org.brickworks.runtime.spark40}
 * @param version
 *            its Bundle-Version
 * @param runtimeKeys
 *            the keys of the runtimes it offers (offered after an install, gone after a removal), sorted
 */
public record RuntimePlugin(String symbolicName, String version, List<String> runtimeKeys) {
    public RuntimePlugin {
        runtimeKeys = List.copyOf(runtimeKeys);
    }
}
