package org.brickworks.notebooks.internal;

import java.util.List;
import java.util.Map;

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
        ClusterState state = clusters.get(clusterId).state();
        if (state != ClusterState.RUNNING) {
            throw new BrickworksException(ErrorCode.INVALID_STATE,
                    "Cluster " + clusterId + " is " + state + "; notebooks run on RUNNING clusters");
        }
        long start = System.currentTimeMillis();
        String notebookPath = revision.object().path();
        LOG.debug("{} runs {} (revision {}) on cluster {}", user, notebookPath, revision.revisionId(), clusterId);
        List<CellRun> cells = new NotebookExecution(workspace, commands, markdown, clusterId, parameters,
                Math.max(1, config.cellTimeoutSeconds()) * 1000L).run(notebookPath, revision.notebook());
        return records.insert(new NotebookRun(0, notebookPath, revision.object().objectId(), revision.revisionId(),
                clusterId, user, start, System.currentTimeMillis(), parameters, cells));
    }

    @Override
    public List<NotebookRun> runs(String path, int limit) {
        return records.runs(workspace.getStatus(path).objectId(), limit);
    }
}
