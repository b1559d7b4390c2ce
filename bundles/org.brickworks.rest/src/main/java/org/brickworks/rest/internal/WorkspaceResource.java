package org.brickworks.rest.internal;

import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.permissions.api.ObjectRef;
import org.brickworks.rest.api.ApiCall;
import org.brickworks.rest.api.ApiParams;
import org.brickworks.rest.api.ApiServlet;
import org.brickworks.rest.api.Download;
import org.brickworks.rest.api.RestContext;
import org.brickworks.rest.api.Route;
import org.brickworks.security.api.UserService;
import org.brickworks.workspace.api.WorkspaceService;
import org.brickworks.workspace.api.dto.ExportFormat;
import org.brickworks.workspace.api.dto.ExportedObject;
import org.brickworks.workspace.api.dto.ImportRequest;
import org.brickworks.workspace.api.dto.NotebookLanguage;
import org.brickworks.workspace.api.dto.ObjectType;
import org.brickworks.workspace.api.dto.Revision;
import org.brickworks.workspace.api.dto.WorkspaceObject;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.servlet.Servlet;

/**
 * Workspace API 2.0: list, get-status, mkdirs, import, export, delete, in Databricks' JSON shapes and error codes; and
 * Brickworks' own notebook revisions: {@code revisions} (GET, {@code path}) and {@code restore-revision} (POST,
 * {@code path}, {@code revision_id}).
 */
@Component(service = Servlet.class, configurationPid = RestConfig.PID)
@HttpWhiteboardContextSelect(RestContext.SELECT)
@HttpWhiteboardServletPattern({ "/api/2.0/workspace/*", "/api/2.1/workspace/*", "/api/2.2/workspace/*" })
public class WorkspaceResource extends ApiServlet {
    private static final long serialVersionUID = 1L;
    private static final String USERS = "/Users";
    private static final Set<String> OPEN_FOLDERS = Set.of("/", USERS);
    private static final String CAN_READ = "CAN_READ";
    private static final String CAN_EDIT = "CAN_EDIT";
    private static final String CAN_MANAGE = "CAN_MANAGE";

    record ObjectPath(String path, Boolean recursive) {
        ObjectPath {
            ApiParams.required(path, "path");
        }
    }

    record Import(String path, String format, String language, Boolean overwrite, String content) {
        Import {
            ApiParams.required(path, "path");
            ApiParams.required(content, "content");
        }
    }

    record Export(String path, String format, Boolean directDownload) {
        Export {
            ApiParams.required(path, "path");
        }
    }

    record Restore(String path, Long revisionId) {
        Restore {
            ApiParams.required(path, "path");
            ApiParams.required(revisionId, "revision_id");
        }
    }

    /** {@code objects} is left out for an empty folder, as Databricks does. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Listing(List<ObjectInfo> objects) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ObjectInfo(String objectType, String path, long objectId, String resourceId, String language,
            long createdAt, long modifiedAt, Long size) {
        static ObjectInfo of(WorkspaceObject object) {
            return new ObjectInfo(object.type().name(), object.path(), object.objectId(),
                    Long.toString(object.objectId()), object.language() == null ? null : object.language().name(),
                    object.createdAt(), object.modifiedAt(), object.type() == ObjectType.FILE ? object.size() : null);
        }
    }

    record Exported(String content, String fileType) {
    }

    record Revisions(List<RevisionInfo> revisions) {
    }

    record RevisionInfo(long revisionId, long objectId, long createdAt, String author, String reason,
            long restoredFrom, int cellCount) {
        static RevisionInfo of(Revision revision) {
            return new RevisionInfo(revision.revisionId(), revision.objectId(), revision.createdAt(),
                    revision.author(), revision.reason(), revision.restoredFrom(), revision.cellCount());
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile WorkspaceService workspace;
    private final transient ServiceWait<WorkspaceService> waiting;
    private final transient Authorization authorization;

    @Activate
    public WorkspaceResource(BundleContext context, RestConfig config) {
        waiting = new ServiceWait<>(context, WorkspaceService.class, "workspace", config);
        authorization = new Authorization(context, config);
    }

    @Deactivate
    void deactivate() {
        waiting.close();
        authorization.close();
    }

    @Override
    protected List<Route<?>> routes() {
        return List.of(Route.get("workspace/list", ObjectPath.class, this::list),
                Route.get("workspace/get-status", ObjectPath.class,
                        call -> ObjectInfo.of(readable(call, call.params().path()))),
                Route.post("workspace/mkdirs", ObjectPath.class, this::mkdirs),
                Route.post("workspace/import", Import.class, this::importObject),
                Route.get("workspace/export", Export.class, this::export),
                Route.post("workspace/delete", ObjectPath.class, this::delete),
                Route.get("workspace/revisions", ObjectPath.class, call -> {
                    readable(call, call.params().path());
                    return new Revisions(
                            workspace().revisions(call.params().path()).stream().map(RevisionInfo::of).toList());
                }),
                Route.post("workspace/restore-revision", Restore.class, call -> {
                    require(call, workspace().getStatus(call.params().path()), CAN_EDIT);
                    return RevisionInfo.of(workspace().restoreRevision(call.params().path(),
                            call.params().revisionId(), call.caller().userName()));
                }));
    }

    /** A workspace object as the permissions service names it. */
    static ObjectRef ref(WorkspaceObject object) {
        return new ObjectRef(object.type().permissionsType(), Long.toString(object.objectId()));
    }

    private void require(ApiCall<?> call, WorkspaceObject object, String level) {
        authorization.permissions().require(call.caller().userName(), ref(object), level);
    }

    /** The object at {@code path}, once the caller is found to may read it ({@code /} and {@code /Users} anyone may). */
    private WorkspaceObject readable(ApiCall<?> call, String path) {
        WorkspaceObject object = workspace().getStatus(path);
        if (!OPEN_FOLDERS.contains(object.path())) {
            require(call, object, CAN_READ);
        }
        return object;
    }

    /**
     * Makes the caller's home folder {@code /Users/<name>}, which it owns, when {@code path} is in it and it does not
     * exist yet (users created after the platform started have none); {@code /Users} itself is the platform's.
     */
    private void ensureHome(String user, String path) {
        String home = USERS + "/" + user;
        if ((path.equals(home) || path.startsWith(home + "/")) && find(home).isEmpty()) {
            if (find(USERS).isEmpty()) {
                workspace().mkdirs(USERS, UserService.ADMIN);
            }
            workspace().mkdirs(home, user);
        }
    }

    /** The nearest object at or above {@code path} that exists. */
    private WorkspaceObject nearestExisting(String path) {
        String at = path;
        Optional<WorkspaceObject> found;
        while ((found = find(at)).isEmpty()) {
            at = parentOf(at);
        }
        return found.get();
    }

    private Optional<WorkspaceObject> find(String path) {
        try {
            return Optional.of(workspace().getStatus(path));
        } catch (BrickworksException e) {
            if (e.errorCode() == ErrorCode.RESOURCE_DOES_NOT_EXIST) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The folder above {@code path} ({@code /} above a top-level path and above {@code /}). */
    private static String parentOf(String path) {
        String trimmed = path.replaceAll("/+$", "");
        int slash = trimmed.lastIndexOf('/');
        return slash <= 0 ? "/" : trimmed.substring(0, slash);
    }

    private WorkspaceService workspace() {
        return waiting.get(workspace);
    }

    /**
     * The children the caller may read of a folder it may read; {@code /} and {@code /Users} anyone may list, and
     * {@code /Users} is in every listing of {@code /}.
     */
    private Listing list(ApiCall<ObjectPath> call) {
        WorkspaceObject folder = readable(call, call.params().path());
        List<WorkspaceObject> children = workspace().list(folder.path());
        if (folder.type() != ObjectType.DIRECTORY) {
            return new Listing(children.stream().map(ObjectInfo::of).toList());
        }
        List<WorkspaceObject> visible = authorization.permissions().visible(call.caller().userName(), ref(folder),
                children, WorkspaceResource::ref, WorkspaceObject::owner, CAN_READ);
        if (visible.size() == children.size()) {
            return new Listing(children.stream().map(ObjectInfo::of).toList());
        }
        // by id: hashing whole records cost more than the permission check itself on a folder of 10,000 notebooks
        Set<Long> shown = new HashSet<>();
        visible.forEach(v -> shown.add(v.objectId()));
        return new Listing(children.stream()
                .filter(c -> shown.contains(c.objectId()) || OPEN_FOLDERS.contains(c.path())).map(ObjectInfo::of)
                .toList());
    }

    private Object mkdirs(ApiCall<ObjectPath> call) {
        ensureHome(call.caller().userName(), call.params().path());
        WorkspaceObject existing = nearestExisting(call.params().path());
        if (existing.type() == ObjectType.DIRECTORY) { // else the service's error: a path through a notebook or file
            require(call, existing, CAN_EDIT);
        }
        workspace().mkdirs(call.params().path(), call.caller().userName());
        return null;
    }

    private Object delete(ApiCall<ObjectPath> call) {
        WorkspaceObject object = workspace().getStatus(call.params().path());
        require(call, object, CAN_MANAGE);
        workspace().delete(call.params().path(), Boolean.TRUE.equals(call.params().recursive()));
        authorization.permissions().forget(ref(object));
        return null;
    }

    private Object importObject(ApiCall<Import> call) {
        Import request = call.params();
        byte[] content;
        try {
            // Line breaks (as base64 tools wrap) are fine; any other character outside the alphabet is an error.
            content = Base64.getDecoder().decode(request.content().replaceAll("[\\r\\n]", ""));
        } catch (IllegalArgumentException e) {
            throw BrickworksException.invalidParameter("content is not valid base64: " + e.getMessage());
        }
        NotebookLanguage language = request.language() == null ? null : language(request.language());
        ensureHome(call.caller().userName(), request.path());
        // the object it overwrites, or the folder it goes to (else the service's missing parent error)
        find(request.path()).or(() -> find(parentOf(request.path())))
                .ifPresent(target -> require(call, target, CAN_EDIT));
        workspace().importObject(new ImportRequest(request.path(), format(request.format()), language,
                Boolean.TRUE.equals(request.overwrite()), content), call.caller().userName());
        return null;
    }

    private Object export(ApiCall<Export> call) {
        String path = call.params().path();
        readable(call, path);
        ExportedObject exported = workspace().export(path, format(call.params().format()));
        if (Boolean.TRUE.equals(call.params().directDownload())) {
            String name = path.substring(path.lastIndexOf('/') + 1);
            String fileName = exported.fileType().isEmpty() || name.endsWith("." + exported.fileType()) ? name
                    : name + "." + exported.fileType();
            return new Download(exported.content(), "application/octet-stream", fileName);
        }
        return new Exported(Base64.getEncoder().encodeToString(exported.content()), exported.fileType());
    }

    /** {@code format}, {@code SOURCE} when absent. */
    private static ExportFormat format(String format) {
        return switch (format == null ? "SOURCE" : format) {
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
}
