package org.brickworks.jobs.internal;

import java.util.List;

import org.brickworks.notebooks.api.dto.CellRun;
import org.brickworks.notebooks.api.dto.NotebookRun;
import org.brickworks.workspace.api.WorkspaceService;
import org.brickworks.workspace.api.dto.Cell;

/**
 * A notebook as a job ran it, as one HTML page ({@code runs/export}): each cell of the run in order, its source from
 * the revision that ran (for cells of the notebook itself; a {@code %run} notebook's cells show their output only),
 * its status and its output. Everything is escaped but rendered Markdown, which the platform rendered itself.
 */
final class NotebookPage {
    private NotebookPage() {
    }

    static String html(WorkspaceService workspace, NotebookRun run) {
        List<Cell> cells = workspace.notebook(run.path(), run.revisionId()).notebook().cells();
        StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(escape(run.path())).append("</title></head>\n<body>\n<h1>").append(escape(run.path()))
                .append("</h1>\n<p>Revision ").append(run.revisionId()).append(", run ").append(run.runId())
                .append(" on cluster ").append(escape(run.clusterId())).append("</p>\n");
        for (CellRun cell : run.cells()) {
            page.append("<div class=\"cell\" data-status=\"").append(cell.status()).append("\">\n");
            if (cell.notebookPath().equals(run.path()) && cell.cellIndex() < cells.size()) {
                page.append("<pre class=\"source\">").append(escape(cells.get(cell.cellIndex()).source()))
                        .append("</pre>\n");
            }
            String output = cell.output().data();
            page.append(cell.output().type().equals("html") ? "<div class=\"output\">" + output + "</div>"
                    : "<pre class=\"output " + cell.output().type() + "\">" + escape(output) + "</pre>")
                    .append("\n</div>\n");
        }
        return page.append("</body></html>\n").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
