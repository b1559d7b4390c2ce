package org.brickworks.workspace.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.store.api.Store;
import org.brickworks.workspace.api.WorkspaceService;
import org.brickworks.workspace.api.dto.ExportFormat;
import org.brickworks.workspace.api.dto.ExportedObject;
import org.brickworks.workspace.api.dto.ImportRequest;
import org.brickworks.workspace.api.dto.Notebook;
import org.brickworks.workspace.api.dto.NotebookRevision;
import org.brickworks.workspace.api.dto.ObjectType;
import org.brickworks.workspace.api.dto.Revision;
import org.brickworks.workspace.api.dto.WorkspaceObject;
import org.brickworks.workspace.internal.WorkspaceRecords.StoredRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workspace tree in the store: objects in {@code workspace_objects}, notebook revisions (cells as JSON) in
 * {@code workspace_revisions}, file bytes base64 in their object's row. Writes are serialized in this instance so
 * that concurrent saves of one path queue instead of colliding; each is one transaction.
 */
@Component(service = WorkspaceService.class)
public class StoreWorkspaceService implements WorkspaceService {
    private static final Logger LOG = LoggerFactory.getLogger(StoreWorkspaceService.class);

    private final Store store;

    @Activate
    public StoreWorkspaceService(@Reference(target = Store.SHARED) Store store) {
        this.store = store;
        store.migrate(WorkspaceSchema.AREA, WorkspaceSchema.MIGRATIONS);
    }

    @Override
    public List<WorkspaceObject> list(String path) {
        String normal = WorkspacePaths.normalize(path);
        return store.transaction(c -> {
            WorkspaceObject object = existing(c, normal);
            return object.type() == ObjectType.DIRECTORY ? WorkspaceRecords.children(c, normal) : List.of(object);
        });
    }

    @Override
    public WorkspaceObject getStatus(String path) {
        String normal = WorkspacePaths.normalize(path);
        return store.transaction(c -> existing(c, normal));
    }

    @Override
    public synchronized WorkspaceObject mkdirs(String path, String user) {
        String normal = WorkspacePaths.normalize(path);
        return store.transaction(c -> directories(c, normal, user, System.currentTimeMillis()));
    }

    @Override
    public synchronized WorkspaceObject importObject(ImportRequest request, String user) {
        ImportedContent content = ImportedContent.of(request);
        long now = System.currentTimeMillis();
        WorkspaceObject imported = store.transaction(c -> {
            String parent = WorkspacePaths.parent(content.path());
            WorkspaceObject folder = WorkspaceRecords.find(c, parent).orElseThrow(() -> BrickworksException
                    .notFound("The parent folder (" + parent + ") does not exist."));
            if (folder.type() != ObjectType.DIRECTORY) {
                throw BrickworksException.invalidParameter("The parent (" + parent + ") is not a folder.");
            }
            WorkspaceObject existing = WorkspaceRecords.find(c, content.path()).orElse(null);
            if (existing != null) {
                return overwrite(c, existing, content, request.overwrite(), user, now);
            }
            return content.notebook() != null ? createNotebook(c, content, user, now)
                    : createFile(c, content, user, now);
        });
        LOG.debug("{} imported {} {}", user, imported.type(), imported.path());
        return imported;
    }

    @Override
    public ExportedObject export(String path, ExportFormat format) {
        String normal = WorkspacePaths.normalize(path);
        return store.transaction(c -> {
            WorkspaceObject object = existing(c, normal);
            switch (object.type()) {
            case DIRECTORY :
                throw BrickworksException.invalidParameter("Cannot export the folder " + normal
                        + ": folders export only as DBC archives, which Brickworks does not write");
            case FILE :
                String name = object.name();
                int dot = name.lastIndexOf('.');
                return new ExportedObject(
                        Base64.getDecoder().decode(WorkspaceRecords.fileContent(c, object.objectId())),
                        dot <= 0 ? "" : name.substring(dot + 1));
            default :
                Notebook notebook = revision(c, object, 0).notebook();
                if (format == ExportFormat.JUPYTER) {
                    return new ExportedObject(JupyterFormat.write(notebook, object.name()), "ipynb");
                }
                return new ExportedObject(SourceFormat.write(notebook).getBytes(StandardCharsets.UTF_8),
                        notebook.language().extension());
            }
        });
    }

    @Override
    public synchronized void delete(String path, boolean recursive) {
        String normal = WorkspacePaths.normalize(path);
        if (WorkspacePaths.ROOT.equals(normal)) {
            throw BrickworksException.invalidParameter("The workspace root / cannot be deleted");
        }
        store.transaction(c -> {
            WorkspaceObject object = existing(c, normal);
            if (object.type() == ObjectType.DIRECTORY && !recursive && WorkspaceRecords.hasChildren(c, normal)) {
                throw new BrickworksException(ErrorCode.DIRECTORY_NOT_EMPTY,
                        "Folder (" + normal + ") is not empty; delete it with recursive set to true");
            }
            WorkspaceRecords.deleteTree(c, normal);
            return null;
        });
    }

    @Override
    public NotebookRevision notebook(String path) {
        return notebook(path, 0);
    }

    @Override
    public NotebookRevision notebook(String path, long revisionId) {
        String normal = WorkspacePaths.normalize(path);
        return store.transaction(c -> revision(c, existingNotebook(c, normal), revisionId));
    }

    @Override
    public List<Revision> revisions(String path) {
        String normal = WorkspacePaths.normalize(path);
        return store.transaction(c -> WorkspaceRecords.revisions(c, existingNotebook(c, normal).objectId()));
    }

    @Override
    public synchronized Revision restoreRevision(String path, long revisionId, String user) {
        String normal = WorkspacePaths.normalize(path);
        long now = System.currentTimeMillis();
        return store.transaction(c -> {
            WorkspaceObject object = existingNotebook(c, normal);
            Notebook notebook = revision(c, object, revisionId).notebook();
            WorkspaceRecords.touch(c, object.objectId(), notebook.language(), now, null, 0);
            return WorkspaceRecords.addRevision(c, object.objectId(), now, user, "RESTORE", revisionId,
                    notebook.cells().size(), NotebookCodec.write(notebook));
        });
    }

    private static WorkspaceObject overwrite(Connection c, WorkspaceObject existing, ImportedContent content,
            boolean overwrite, String user, long now) throws SQLException {
        boolean notebook = content.notebook() != null;
        if (!overwrite || existing.type() == ObjectType.DIRECTORY
                || (existing.type() == ObjectType.NOTEBOOK) != notebook) {
            throw new BrickworksException(ErrorCode.RESOURCE_ALREADY_EXISTS, "Path (" + content.path()
                    + ") already exists" + (overwrite ? " as a " + existing.type().name().toLowerCase() : "."));
        }
        if (notebook) {
            Notebook cells = content.notebook();
            WorkspaceRecords.touch(c, existing.objectId(), cells.language(), now, null, 0);
            WorkspaceRecords.addRevision(c, existing.objectId(), now, user, "OVERWRITE", 0, cells.cells().size(),
                    NotebookCodec.write(cells));
            return new WorkspaceObject(existing.objectId(), existing.path(), existing.type(), cells.language(),
                    existing.owner(), existing.createdAt(), now, 0);
        }
        WorkspaceRecords.touch(c, existing.objectId(), null, now, Base64.getEncoder().encodeToString(content.file()),
                content.file().length);
        return new WorkspaceObject(existing.objectId(), existing.path(), existing.type(), null, existing.owner(),
                existing.createdAt(), now, content.file().length);
    }

    private static WorkspaceObject createNotebook(Connection c, ImportedContent content, String user, long now)
            throws SQLException {
        Notebook notebook = content.notebook();
        WorkspaceObject created = WorkspaceRecords.insert(c, content.path(), ObjectType.NOTEBOOK, notebook.language(),
                user, now, null, 0);
        WorkspaceRecords.addRevision(c, created.objectId(), now, user, "IMPORT", 0, notebook.cells().size(),
                NotebookCodec.write(notebook));
        return created;
    }

    private static WorkspaceObject createFile(Connection c, ImportedContent content, String user, long now)
            throws SQLException {
        return WorkspaceRecords.insert(c, content.path(), ObjectType.FILE, null, user, now,
                Base64.getEncoder().encodeToString(content.file()), content.file().length);
    }

    /** Creates the missing directories down to {@code path}; returns the last one. */
    private static WorkspaceObject directories(Connection c, String path, String user, long now) throws SQLException {
        WorkspaceObject existing = WorkspaceRecords.find(c, path).orElse(null);
        if (existing != null) {
            if (existing.type() != ObjectType.DIRECTORY) {
                throw new BrickworksException(ErrorCode.RESOURCE_ALREADY_EXISTS,
                        "Path (" + path + ") already exists as a " + existing.type().name().toLowerCase());
            }
            return existing;
        }
        directories(c, WorkspacePaths.parent(path), user, now);
        return WorkspaceRecords.insert(c, path, ObjectType.DIRECTORY, null, user, now, null, 0);
    }

    private static WorkspaceObject existing(Connection c, String path) throws SQLException {
        return WorkspaceRecords.find(c, path)
                .orElseThrow(() -> BrickworksException.notFound("Path (" + path + ") doesn't exist."));
    }

    private static WorkspaceObject existingNotebook(Connection c, String path) throws SQLException {
        WorkspaceObject object = existing(c, path);
        if (object.type() != ObjectType.NOTEBOOK) {
            throw BrickworksException.invalidParameter("Path (" + path + ") is a "
                    + object.type().name().toLowerCase() + ", not a notebook");
        }
        return object;
    }

    private static NotebookRevision revision(Connection c, WorkspaceObject notebook, long revisionId)
            throws SQLException {
        StoredRevision stored = WorkspaceRecords.revisionContent(c, notebook.objectId(), revisionId)
                .orElseThrow(() -> BrickworksException.notFound(
                        "Revision " + revisionId + " of " + notebook.path() + " doesn't exist."));
        return new NotebookRevision(notebook, stored.revisionId(), NotebookCodec.read(stored.content()));
    }
}
