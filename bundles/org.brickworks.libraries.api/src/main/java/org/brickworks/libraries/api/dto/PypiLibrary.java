package org.brickworks.libraries.api.dto;

/**
 * A PyPI library as the Libraries API 2.0 names it ({@code {"pypi": {...}}}).
 *
 * @param packageSpec
 *            {@code package}: a name with an optional version specifier, e.g. {@code simplejson==3.8.0}
 * @param repo
 *            the index URL pip reads (PEP 503 simple index), null for the configured one
 */
public record PypiLibrary(String packageSpec, String repo) {
}
