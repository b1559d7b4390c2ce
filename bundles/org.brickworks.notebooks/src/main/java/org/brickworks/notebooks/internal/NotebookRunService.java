package org.brickworks.notebooks.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.brickworks.clusters.api.ClusterService;
import org.brickworks.clusters.api.CommandExecution;
import org.brickworks.clusters.api.dto.ClusterState;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.notebooks.api.NotebookRunner;
import org.brickworks.notebooks.api.dto.CellRun;
import org.brickworks.notebooks.api.dto.NotebookRun;
import org.brickworks.store.api.Store;
import org.brickworks.workspace.api.WorkspaceService;
import org.brickworks.workspace.api.dto.NotebookRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whole-notebook runs over the workspace and the clusters' Command Execution, stored in the store. Holds no state but
 * its configuration: each run is a {@link NotebookExecution} on the caller's thread.
 */
@Component(service = NotebookRunner.class, configurationPid = "org.brickworks.notebooks")
@Designate(ocd = NotebooksConfig.class)
public class NotebookRunService implements NotebookRunner {
    private static final Logger LOG = LoggerFactory.getLogger(NotebookRunService.class);

    private final RunRecords records;
    private final Attachments attachments;
    /** One lock per notebook being attached, so two first calls do not both create a context. */
    private final Map<Long, Object> attaching = new ConcurrentHashMap<>();
    private final MarkdownRenderer markdown = new MarkdownRenderer();
    private volatile NotebooksConfig config;

    @Reference(policyOption = ReferencePolicyOption.GREEDY)
    private volatile WorkspaceService workspace;
    @Reference(policyOption = ReferencePolicyOption.GREEDY)
    private volatile ClusterService clusters;
    @Reference(policyOption = ReferencePolicyOption.GREEDY)
    private volatile CommandExecution commands;

    @Activate
    public NotebookRunService(@Reference Store store, NotebooksConfig config) {
        this.records = new RunRecords(store);
        this.attachments = new Attachments(store);
        this.config = config;
    }

    @Modified
    void modified(NotebooksConfig changed) {
        this.config = changed;
    }

    @Override
    public NotebookRun run(String path, String clusterId, Map<String, String> parameters, String user) {
        WorkspaceService workspace = this.workspace;
        NotebookRevision revision = workspace.notebook(path);
        requireRunning(clusterId);
        long start = System.currentTimeMillis();
        String notebookPath = revision.object().path();
        LOG.debug("{} runs {} (revision {}) on cluster {}", user, notebookPath, revision.revisionId(), clusterId);
        List<CellRun> cells = new NotebookExecution(workspace, commands, markdown, clusterId, parameters,
                Math.max(1, config.cellTimeoutSeconds()) * 1000L).run(notebookPath, revision.notebook());
        return records.insert(new NotebookRun(0, notebookPath, revision.object().objectId(), revision.revisionId(),
                clusterId, user, start, System.currentTimeMillis(), parameters, cells));
    }

    @Override
    public NotebookRun runCells(String path, String clusterId, int firstCell, int lastCell,
            Map<String, String> parameters, String user) {
        WorkspaceService workspace = this.workspace;
        NotebookRevision revision = workspace.notebook(path);
        int count = revision.notebook().cells().size();
        if (firstCell < 0 || lastCell >= count || firstCell > lastCell) {
            throw BrickworksException.invalidParameter("Cells " + firstCell + " to " + lastCell + " are not in "
                    + revision.object().path() + ", which has " + count + " cells (indexes 0 to " + (count - 1) + ")");
        }
        requireRunning(clusterId);
        long start = System.currentTimeMillis();
        String notebookPath = revision.object().path();
        String contextId = attach(revision, clusterId);
        LOG.debug("{} runs cells {} to {} of {} (revision {}) in context {} on cluster {}", user, firstCell, lastCell,
                notebookPath, revision.revisionId(), contextId, clusterId);
        List<CellRun> cells = new NotebookExecution(workspace, commands, markdown, clusterId, parameters,
                Math.max(1, config.cellTimeoutSeconds()) * 1000L).runAttached(notebookPath, revision.notebook(),
                        firstCell, lastCell, contextId);
        return records.insert(new NotebookRun(0, notebookPath, revision.object().objectId(), revision.revisionId(),
                clusterId, user, start, System.currentTimeMillis(), parameters, cells));
    }

    @Override
    public boolean detach(String path) {
        long objectId = workspace.getStatus(path).objectId();
        synchronized (attaching.computeIfAbsent(objectId, id -> new Object())) {
            Optional<Attachments.Attachment> attached = attachments.get(objectId);
            attached.ifPresent(attachment -> {
                destroy(attachment);
                attachments.remove(objectId);
            });
            return attached.isPresent();
        }
    }

    /** The notebook's attached context on the cluster: the stored one while it lives there, else a new one. */
    private String attach(NotebookRevision revision, String clusterId) {
        long objectId = revision.object().objectId();
        CommandExecution commands = this.commands;
        synchronized (attaching.computeIfAbsent(objectId, id -> new Object())) {
            Optional<Attachments.Attachment> attached = attachments.get(objectId);
            if (attached.isPresent() && attached.get().clusterId().equals(clusterId)
                    && alive(commands, attached.get())) {
                return attached.get().contextId();
            }
            attached.ifPresent(this::destroy);
            String contextId = commands.createContext(clusterId, revision.notebook().language().cellLanguage());
            attachments.put(objectId, new Attachments.Attachment(clusterId, contextId));
            LOG.info("Notebook {} attached to cluster {} (context {})", revision.object().path(), clusterId,
                    contextId);
            return contextId;
        }
    }

    private static boolean alive(CommandExecution commands, Attachments.Attachment attachment) {
        try {
            commands.contextStatus(attachment.clusterId(), attachment.contextId());
            return true;
        } catch (BrickworksException e) {
            // The context went with a restart of its cluster, or the cluster is gone.
            LOG.debug("Context {} on cluster {} is gone: {}", attachment.contextId(), attachment.clusterId(),
                    e.getMessage());
            return false;
        }
    }

    private void destroy(Attachments.Attachment attachment) {
        try {
            commands.destroyContext(attachment.clusterId(), attachment.contextId());
        } catch (BrickworksException e) {
            LOG.debug("Context {} on cluster {} was gone already: {}", attachment.contextId(),
                    attachment.clusterId(), e.getMessage());
        }
    }

    private void requireRunning(String clusterId) {
        ClusterState state = clusters.get(clusterId).state();
        if (state != ClusterState.RUNNING) {
            throw new BrickworksException(ErrorCode.INVALID_STATE,
                    "Cluster " + clusterId + " is " + state + "; notebooks run on RUNNING clusters");
        }
    }

    @Override
    public List<NotebookRun> runs(String path, int limit) {
        return records.runs(workspace.getStatus(path).objectId(), limit);
    }
}
