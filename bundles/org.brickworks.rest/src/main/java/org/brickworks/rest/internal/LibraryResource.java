package org.brickworks.rest.internal;

import java.util.ArrayList;
import java.util.List;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ServiceSlot;
import org.brickworks.libraries.api.ClusterLibraryService;
import org.brickworks.libraries.api.dto.ClusterLibraryStatuses;
import org.brickworks.libraries.api.dto.Library;
import org.brickworks.libraries.api.dto.MavenLibrary;
import org.brickworks.libraries.api.dto.PypiLibrary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Libraries API 2.0: {@code install}, {@code uninstall}, {@code cluster-status}, {@code all-cluster-statuses}, in
 * Databricks' JSON shapes ({@code {"maven": {"coordinates", "repo", "exclusions"}}}, {@code {"pypi": {"package",
 * "repo"}}}, {@code {"jar": "dbfs:/..."}}, {@code {"whl": "dbfs:/..."}}).
 */
final class LibraryResource {
    private final ServiceSlot<ClusterLibraryService> libraries;
    private final ObjectMapper json;

    LibraryResource(ServiceSlot<ClusterLibraryService> libraries, ObjectMapper json) {
        this.libraries = libraries;
        this.json = json;
    }

    List<Route> routes() {
        return List.of(Route.post("libraries/install", this::install), Route.post("libraries/uninstall", this::uninstall),
                Route.get("libraries/cluster-status", this::clusterStatus),
                Route.get("libraries/all-cluster-statuses", this::allClusterStatuses));
    }

    private Object install(ApiRequest request) {
        libraries.get().install(request.requiredString("cluster_id"), libraries(request));
        return null;
    }

    private Object uninstall(ApiRequest request) {
        libraries.get().uninstall(request.requiredString("cluster_id"), libraries(request));
        return null;
    }

    private Object clusterStatus(ApiRequest request) {
        return statuses(libraries.get().clusterStatus(request.requiredString("cluster_id")));
    }

    private Object allClusterStatuses(ApiRequest request) {
        ObjectNode result = json.createObjectNode();
        ArrayNode statuses = result.putArray("statuses");
        libraries.get().allClusterStatuses().forEach(cluster -> statuses.add(statuses(cluster)));
        return result;
    }

    private ObjectNode statuses(ClusterLibraryStatuses cluster) {
        ObjectNode node = json.createObjectNode().put("cluster_id", cluster.clusterId());
        ArrayNode list = node.putArray("library_statuses");
        cluster.libraryStatuses().forEach(status -> {
            ObjectNode item = list.addObject();
            item.set("library", library(status.library()));
            item.put("status", status.status().name());
            if (!status.messages().isEmpty()) {
                ArrayNode messages = item.putArray("messages");
                status.messages().forEach(messages::add);
            }
            item.put("is_library_for_all_clusters", false);
        });
        return node;
    }

    private ObjectNode library(Library library) {
        ObjectNode node = json.createObjectNode();
        if (library.maven() != null) {
            ObjectNode maven = node.putObject("maven").put("coordinates", library.maven().coordinates());
            if (library.maven().repo() != null) {
                maven.put("repo", library.maven().repo());
            }
            if (!library.maven().exclusions().isEmpty()) {
                ArrayNode exclusions = maven.putArray("exclusions");
                library.maven().exclusions().forEach(exclusions::add);
            }
        } else if (library.pypi() != null) {
            ObjectNode pypi = node.putObject("pypi").put("package", library.pypi().packageSpec());
            if (library.pypi().repo() != null) {
                pypi.put("repo", library.pypi().repo());
            }
        } else if (library.jar() != null) {
            node.put("jar", library.jar());
        } else {
            node.put("whl", library.whl());
        }
        return node;
    }

    /** {@code libraries}: each item exactly one of maven, pypi, jar or whl. */
    static List<Library> libraries(ApiRequest request) {
        List<Library> result = new ArrayList<>();
        JsonNode items = request.optionalArray("libraries");
        if (items.isEmpty()) {
            throw BrickworksException.invalidParameter("Missing required field: libraries");
        }
        for (JsonNode item : items) {
            result.add(library(item));
        }
        return result;
    }

    private static Library library(JsonNode item) {
        if (!item.isObject() || item.size() != 1) {
            throw BrickworksException.invalidParameter(
                    "Each library must be an object with exactly one of maven, pypi, jar, whl; got " + item);
        }
        if (item.has("maven")) {
            JsonNode maven = item.get("maven");
            List<String> exclusions = new ArrayList<>();
            maven.path("exclusions").forEach(e -> exclusions.add(e.asText()));
            return new Library(new MavenLibrary(text(maven, "maven.coordinates", true), text(maven, "maven.repo", false),
                    exclusions), null, null, null);
        }
        if (item.has("pypi")) {
            JsonNode pypi = item.get("pypi");
            return new Library(null, new PypiLibrary(text(pypi, "pypi.package", true), text(pypi, "pypi.repo", false)),
                    null, null);
        }
        if (item.has("jar") && item.get("jar").isTextual()) {
            return Library.jar(item.get("jar").asText());
        }
        if (item.has("whl") && item.get("whl").isTextual()) {
            return Library.whl(item.get("whl").asText());
        }
        throw BrickworksException.invalidParameter("Unsupported library " + item
                + ": expected maven, pypi, jar or whl (egg, cran and requirements are not supported)");
    }

    private static String text(JsonNode parent, String field, boolean required) {
        JsonNode value = parent.get(field.substring(field.indexOf('.') + 1));
        if (value == null || value.isNull() || value.isTextual() && value.asText().isBlank()) {
            if (required) {
                throw BrickworksException.invalidParameter("Missing required field: " + field);
            }
            return null;
        }
        if (!value.isTextual()) {
            throw BrickworksException.invalidParameter("Invalid value for " + field + ": expected a string");
        }
        return value.asText().strip();
    }
}
