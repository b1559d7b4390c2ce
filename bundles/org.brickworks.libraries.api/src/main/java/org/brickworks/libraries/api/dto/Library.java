package org.brickworks.libraries.api.dto;

import java.util.List;

/**
 * One library of the Libraries API 2.0: exactly one of its fields is set. {@code jar} and {@code whl} are
 * {@code dbfs:/} paths.
 */
public record Library(MavenLibrary maven, PypiLibrary pypi, String jar, String whl) {
    public Library {
        long set = List.of(maven == null ? "" : "m", pypi == null ? "" : "p", jar == null ? "" : "j",
                whl == null ? "" : "w").stream().filter(s -> !s.isEmpty()).count();
        if (set != 1) {
            throw new IllegalArgumentException("A library is exactly one of maven, pypi, jar or whl");
        }
    }

    public static Library maven(String coordinates) {
        return new Library(new MavenLibrary(coordinates, null, List.of()), null, null, null);
    }

    public static Library pypi(String packageSpec) {
        return new Library(null, new PypiLibrary(packageSpec, null), null, null);
    }

    public static Library jar(String path) {
        return new Library(null, null, path, null);
    }

    public static Library whl(String path) {
        return new Library(null, null, null, path);
    }

    /** A short name for people: {@code mvn:g:a:v}, {@code pypi:spec}, or the path. */
    public String describe() {
        if (maven != null) {
            return "mvn:" + maven.coordinates();
        }
        return pypi != null ? "pypi:" + pypi.packageSpec() : jar != null ? jar : whl;
    }
}
