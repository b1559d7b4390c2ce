package org.brickworks.shell.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.notebooks.api.NotebookRunner;
import org.brickworks.notebooks.api.dto.NotebookRun;
import org.brickworks.permissions.api.ObjectRef;
import org.brickworks.security.api.UserService;
import org.brickworks.workspace.api.WorkspaceService;
import org.brickworks.workspace.api.dto.ExportFormat;
import org.brickworks.workspace.api.dto.ExportedObject;
import org.brickworks.workspace.api.dto.ImportRequest;
import org.brickworks.workspace.api.dto.NotebookLanguage;
import org.brickworks.workspace.api.dto.WorkspaceObject;
import org.osgi.service.component.annotations.Component;

/**
 * The workspace and notebook runs: {@code bw:ws-ls}, {@code bw:ws-import}, {@code bw:ws-export}, {@code bw:nb-run},
 * {@code bw:nb-detach}.
 * Files named on the command line are on the platform's host. The shell acts as the admin user.
 */
@Component
public class WorkspaceCommands extends CommandGroup {
    /** Folders anyone may list, as over REST: the root and {@code /Users} (each list shows what its user may read). */
    private static final Set<String> OPEN_FOLDERS = Set.of("/", "/Users");
    private static final String CAN_READ = "CAN_READ";

    private static ObjectRef ref(WorkspaceObject object) {
        return new ObjectRef(object.type().permissionsType(), Long.toString(object.objectId()));
    }

    /** The object at {@code path}, once the session's user is found to may read it. */
    private WorkspaceObject readable(CommandSession session, String path) {
        WorkspaceObject object = workspaceService().getStatus(path);
        if (!OPEN_FOLDERS.contains(object.path())) {
            require(session, object.type().permissionsType(), Long.toString(object.objectId()), CAN_READ);
        }
        return object;
    }

    @Descriptor("List a workspace folder (default /): type, language, object id, modified time, path")
    public String wsLs(CommandSession session, @Descriptor("workspace path") String... path) {
        Table table = new Table("TYPE", "LANGUAGE", "OBJECT ID", "MODIFIED", "PATH");
        WorkspaceObject folder = readable(session, path.length == 0 ? "/" : path[0]);
        List<WorkspaceObject> children = workspaceService().list(folder.path());
        Set<WorkspaceObject> shown = new HashSet<>(visible(session, ref(folder), children, WorkspaceCommands::ref,
                WorkspaceObject::owner, CAN_READ));
        for (WorkspaceObject o : children) {
            if (!shown.contains(o) && !OPEN_FOLDERS.contains(o.path())) {
                continue;
            }
            table.row(o.type(), o.language() == null ? "-" : o.language(), o.objectId(),
                    Instant.ofEpochMilli(o.modifiedAt()), o.path());
        }
        return table.toString();
    }

    @Descriptor("Import a file of the platform's host into the workspace (a notebook in SOURCE or JUPYTER format, or "
            + "any file with AUTO)")
    public String wsImport(
            @Descriptor("SOURCE, JUPYTER or AUTO") @Parameter(names = { "-f", "--format" },
                    absentValue = "AUTO") String format,
            @Descriptor("notebook language for SOURCE: PYTHON, SCALA, SQL, R (default: from the extension)") @Parameter(
                    names = { "-l", "--language" }, absentValue = "") String language,
            @Descriptor("replace an existing notebook or file (a notebook gains a revision)") @Parameter(
                    names = { "-o", "--overwrite" },
                    presentValue = "true", absentValue = "false") boolean overwrite,
            @Descriptor("file to import") String file,
            @Descriptor("workspace path") String path) throws IOException {
        byte[] content = Files.readAllBytes(Path.of(file));
        WorkspaceObject imported = workspaceService().importObject(new ImportRequest(path, format(format),
                language.isEmpty() ? null : language(language), overwrite, content), UserService.ADMIN);
        return "Imported " + imported.type().name().toLowerCase(Locale.ROOT) + " " + imported.path() + " (object id "
                + imported.objectId() + ")";
    }

    @Descriptor("Export a notebook or file of the workspace to a file of the platform's host")
    public String wsExport(
            @Descriptor("SOURCE or JUPYTER") @Parameter(names = { "-f", "--format" },
                    absentValue = "SOURCE") String format,
            @Descriptor("workspace path") String path,
            @Descriptor("file to write") String file) throws IOException {
        ExportedObject exported = workspaceService().export(path, format(format));
        Files.write(Path.of(file), exported.content());
        return "Exported " + path + " to " + file + " (" + exported.content().length + " bytes)";
    }

    @Descriptor("Create a workspace folder and its missing parents")
    public String wsMkdirs(@Descriptor("workspace path") String path) {
        return "Created " + workspaceService().mkdirs(path, UserService.ADMIN).path();
    }

    @Descriptor("Delete a notebook, file or folder of the workspace")
    public String wsRm(
            @Descriptor("also a folder that is not empty, with everything in it") @Parameter(
                    names = { "-r", "--recursive" },
                    presentValue = "true", absentValue = "false") boolean recursive,
            @Descriptor("workspace path") String path) {
        workspaceService().delete(path, recursive);
        return "Deleted " + path;
    }

    @Descriptor("List a notebook's revisions, newest first")
    public String wsRevisions(CommandSession session, @Descriptor("notebook path") String path) {
        readable(session, path);
        Table table = new Table("REVISION", "SAVED", "AUTHOR", "REASON", "CELLS");
        workspaceService().revisions(path).forEach(r -> table.row(r.revisionId(), Instant.ofEpochMilli(r.createdAt()),
                r.author(), r.reason() + (r.restoredFrom() == 0 ? "" : " of " + r.restoredFrom()), r.cellCount()));
        return table.toString();
    }

    @Descriptor("Make an earlier revision of a notebook its newest")
    public String wsRestore(@Descriptor("notebook path") String path,
            @Descriptor("revision id, as bw:ws-revisions shows it") long revisionId) {
        return "Restored revision " + revisionId + " of " + path + " as revision "
                + workspaceService().restoreRevision(path, revisionId, UserService.ADMIN).revisionId();
    }

    @Descriptor("Run a whole notebook on a running cluster, or some of its cells in the notebook's attached context; "
            + "prints each cell's number, status, time and output")
    public String nbRun(
            @Descriptor("run only this cell, or cells N-M, numbered from 1 as printed, in the notebook's attached "
                    + "context (kept between calls)") @Parameter(names = { "-c", "--cell" },
                            absentValue = "") String cells,
            @Descriptor("notebook path") String path,
            @Descriptor("cluster id, as bw:clusters shows it") String clusterId,
            @Descriptor("parameters (widget values) as name=value") String... parameters) {
        Map<String, String> values = NotebookRunTable.parameters(parameters);
        NotebookRun run;
        if (cells.isEmpty()) {
            run = notebookRunner().run(path, clusterId, values, UserService.ADMIN);
        } else {
            int[] range = NotebookRunTable.cellRange(cells);
            run = notebookRunner().runCells(path, clusterId, range[0] - 1, range[1] - 1, values, UserService.ADMIN);
        }
        String table = NotebookRunTable.format(run);
        if (!run.succeeded()) {
            throw new BrickworksException(ErrorCode.INVALID_STATE,
                    table + "\n" + NotebookRunTable.failure(run));
        }
        return table;
    }

    @Descriptor("Detach a notebook from its cluster: its attached context and state go")
    public String nbDetach(@Descriptor("notebook path") String path) {
        return notebookRunner().detach(path) ? "Detached " + path : path + " was not attached";
    }

    private static ExportFormat format(String format) {
        try {
            return ExportFormat.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw BrickworksException.invalidParameter("Unknown format " + format + "; use SOURCE, JUPYTER or AUTO");
        }
    }

    private static NotebookLanguage language(String language) {
        return NotebookLanguage.ofName(language).orElseThrow(() -> BrickworksException
                .invalidParameter("Unknown language " + language + "; use PYTHON, SCALA, SQL or R"));
    }

    private WorkspaceService workspaceService() {
        return service(WorkspaceService.class, "workspace");
    }

    private NotebookRunner notebookRunner() {
        return service(NotebookRunner.class, "runner");
    }
}
