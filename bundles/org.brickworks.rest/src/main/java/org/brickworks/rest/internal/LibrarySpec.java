package org.brickworks.rest.internal;

import java.util.List;
import java.util.stream.Stream;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.libraries.api.dto.Library;
import org.brickworks.libraries.api.dto.MavenLibrary;
import org.brickworks.libraries.api.dto.PypiLibrary;
import org.brickworks.rest.api.ApiParams;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A library as the Libraries API 2.0 writes it, exactly one of {@code {"maven": {"coordinates", "repo",
 * "exclusions"}}}, {@code {"pypi": {"package", "repo"}}}, {@code {"jar": "dbfs:/..."}} and
 * {@code {"whl": "dbfs:/..."}}; names and coordinates are taken stripped, a blank one as missing.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record LibrarySpec(Maven maven, Pypi pypi, String jar, String whl) {
    LibrarySpec {
        if (Stream.of(maven, pypi, jar, whl).filter(kind -> kind != null).count() != 1) {
            throw BrickworksException.invalidParameter("Each library must be exactly one of maven, pypi, jar or whl"
                    + " (egg, cran and requirements are not supported)");
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Maven(String coordinates, String repo, List<String> exclusions) {
        Maven {
            coordinates = ApiParams.required(text(coordinates), "maven.coordinates");
            repo = text(repo);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Pypi(@JsonProperty("package") String packageSpec, String repo) {
        Pypi {
            packageSpec = ApiParams.required(text(packageSpec), "pypi.package");
            repo = text(repo);
        }
    }

    static LibrarySpec of(Library library) {
        return new LibrarySpec(
                library.maven() == null ? null
                        : new Maven(library.maven().coordinates(), library.maven().repo(),
                                library.maven().exclusions()),
                library.pypi() == null ? null : new Pypi(library.pypi().packageSpec(), library.pypi().repo()),
                library.jar(), library.whl());
    }

    Library toLibrary() {
        return new Library(maven == null ? null : new MavenLibrary(maven.coordinates, maven.repo, maven.exclusions),
                pypi == null ? null : new PypiLibrary(pypi.packageSpec, pypi.repo), jar, whl);
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
