package org.brickworks.rest.internal;

import java.util.Base64;
import java.util.List;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ServiceSlot;
import org.brickworks.workspace.api.WorkspaceService;
import org.brickworks.workspace.api.dto.ExportFormat;
import org.brickworks.workspace.api.dto.ExportedObject;
import org.brickworks.workspace.api.dto.ImportRequest;
import org.brickworks.workspace.api.dto.NotebookLanguage;
import org.brickworks.workspace.api.dto.ObjectType;
import org.brickworks.workspace.api.dto.Revision;
import org.brickworks.workspace.api.dto.WorkspaceObject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Workspace API 2.0: list, get-status, mkdirs, import, export, delete, in Databricks' JSON shapes and error codes; and
 * Brickworks' own notebook revisions: {@code revisions} (GET, {@code path}) and {@code restore-revision} (POST,
 * {@code path}, {@code revision_id}).
 */
final class WorkspaceResource {
    private final ServiceSlot<WorkspaceService> workspace;
    private final ObjectMapper json;

    WorkspaceResource(ServiceSlot<WorkspaceService> workspace, ObjectMapper json) {
        this.workspace = workspace;
        this.json = json;
    }

    List<Route> routes() {
        return List.of(Route.get("workspace/list", this::list), Route.get("workspace/get-status", this::getStatus),
                Route.post("workspace/mkdirs", this::mkdirs), Route.post("workspace/import", this::importObject),
                Route.get("workspace/export", this::export), Route.post("workspace/delete", this::delete),
                Route.get("workspace/revisions", this::revisions),
                Route.post("workspace/restore-revision", this::restoreRevision));
    }

    private Object list(ApiRequest request) {
        ObjectNode result = json.createObjectNode();
        List<WorkspaceObject> objects = workspace.get().list(request.requiredString("path"));
        if (!objects.isEmpty()) { // Databricks leaves "objects" out for an empty folder
            ArrayNode list = result.putArray("objects");
            objects.forEach(object -> list.add(object(object)));
        }
        return result;
    }

    private Object getStatus(ApiRequest request) {
        return object(workspace.get().getStatus(request.requiredString("path")));
    }

    private Object mkdirs(ApiRequest request) {
        workspace.get().mkdirs(request.requiredString("path"), request.caller().userName());
        return null;
    }

    private Object importObject(ApiRequest request) {
        byte[] content;
        try {
            // Line breaks (as base64 tools wrap) are fine; any other character outside the alphabet is an error.
            content = Base64.getDecoder().decode(request.requiredString("content").replaceAll("[\\r\\n]", ""));
        } catch (IllegalArgumentException e) {
            throw BrickworksException.invalidParameter("content is not valid base64: " + e.getMessage());
        }
        ExportFormat format = format(request, "SOURCE");
        NotebookLanguage language = request.optionalString("language").map(WorkspaceResource::language).orElse(null);
        workspace.get().importObject(new ImportRequest(request.requiredString("path"), format, language,
                request.optionalBoolean("overwrite").orElse(false), content), request.caller().userName());
        return null;
    }

    private Object export(ApiRequest request) {
        String path = request.requiredString("path");
        ExportFormat format = format(request, "SOURCE");
        ExportedObject exported = workspace.get().export(path, format);
        if (request.optionalBoolean("direct_download").orElse(false)) {
            String name = path.substring(path.lastIndexOf('/') + 1);
            String fileName = exported.fileType().isEmpty() || name.endsWith("." + exported.fileType()) ? name
                    : name + "." + exported.fileType();
            return new RawBody(exported.content(), "application/octet-stream", fileName);
        }
        return json.createObjectNode().put("content", Base64.getEncoder().encodeToString(exported.content()))
                .put("file_type", exported.fileType());
    }

    private Object delete(ApiRequest request) {
        workspace.get().delete(request.requiredString("path"), request.optionalBoolean("recursive").orElse(false));
        return null;
    }

    private Object revisions(ApiRequest request) {
        ObjectNode result = json.createObjectNode();
        ArrayNode list = result.putArray("revisions");
        workspace.get().revisions(request.requiredString("path")).forEach(revision -> list.add(revision(revision)));
        return result;
    }

    private Object restoreRevision(ApiRequest request) {
        long revisionId = request.optionalLong("revision_id")
                .orElseThrow(() -> BrickworksException.invalidParameter("Missing required field: revision_id"));
        return revision(workspace.get().restoreRevision(request.requiredString("path"), revisionId,
                request.caller().userName()));
    }

    private static ExportFormat format(ApiRequest request, String fallback) {
        String format = request.optionalString("format").orElse(fallback);
        return switch (format) {
        case "SOURCE" -> ExportFormat.SOURCE;
        case "JUPYTER" -> ExportFormat.JUPYTER;
        case "AUTO" -> ExportFormat.AUTO;
        case "HTML", "DBC", "R_MARKDOWN", "RAW" -> throw BrickworksException.invalidParameter(
                "Format " + format + " is not supported by Brickworks; use SOURCE, JUPYTER or AUTO");
        default -> throw BrickworksException.invalidParameter(
                "Invalid format: " + format + " (SOURCE, JUPYTER, AUTO, case sensitive)");
        };
    }

    private static NotebookLanguage language(String language) {
        try {
            return NotebookLanguage.valueOf(language);
        } catch (IllegalArgumentException e) {
            throw BrickworksException.invalidParameter(
                    "Invalid language: " + language + " (PYTHON, SCALA, SQL or R, case sensitive)");
        }
    }

    private ObjectNode object(WorkspaceObject object) {
        ObjectNode node = json.createObjectNode().put("object_type", object.type().name())
                .put("path", object.path()).put("object_id", object.objectId())
                .put("resource_id", Long.toString(object.objectId()));
        if (object.language() != null) {
            node.put("language", object.language().name());
        }
        node.put("created_at", object.createdAt()).put("modified_at", object.modifiedAt());
        if (object.type() == ObjectType.FILE) {
            node.put("size", object.size());
        }
        return node;
    }

    private ObjectNode revision(Revision revision) {
        return json.createObjectNode().put("revision_id", revision.revisionId()).put("object_id", revision.objectId())
                .put("created_at", revision.createdAt()).put("author", revision.author())
                .put("reason", revision.reason()).put("restored_from", revision.restoredFrom())
                .put("cell_count", revision.cellCount());
    }
}
