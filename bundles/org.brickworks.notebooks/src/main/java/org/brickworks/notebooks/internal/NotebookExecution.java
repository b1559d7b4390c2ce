package org.brickworks.notebooks.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.execution.api.CellLanguage;
import org.brickworks.execution.api.CommandExecution;
import org.brickworks.execution.api.LanguageRegistry;
import org.brickworks.execution.api.dto.CommandResult;
import org.brickworks.execution.api.dto.CommandState;
import org.brickworks.execution.api.dto.CommandStatus;
import org.brickworks.execution.api.dto.TextResult;
import org.brickworks.notebooks.api.TaskValues;
import org.brickworks.notebooks.api.dto.CellOutput;
import org.brickworks.notebooks.api.dto.CellRun;
import org.brickworks.notebooks.api.dto.CellStatus;
import org.brickworks.workspace.api.WorkspaceService;
import org.brickworks.workspace.api.dto.Cell;
import org.brickworks.workspace.api.dto.Notebook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One whole-notebook run: the cells in order, {@code %run} targets inlined, in one execution context created on the
 * cluster when the first cell needs it (with the run's parameters as its widget values) and destroyed at the end. A
 * cell's language is one the {@link LanguageRegistry} has now: a platform language ({@code md}) runs here, the others
 * on the cluster; a magic that is no language, {@code %run} nor an install is the cell's error, naming the installed
 * languages. Stops at the first failure and records the rest as skipped, or at a {@code dbutils.notebook.exit}, which
 * keeps its value. Used by one thread, once.
 */
final class NotebookExecution {
    /** Notebook-scoped installs: the magic and the language whose command it is. */
    static final Map<String, String> LIBRARY_MAGICS = Map.of("pip", "python", "mvn", "scala");
    private static final Logger LOG = LoggerFactory.getLogger(NotebookExecution.class);
    private static final long POLL_MILLIS = 10_000;
    private static final long CANCEL_WAIT_MILLIS = 60_000;

    private final WorkspaceService workspace;
    private final CommandExecution commands;
    private final LanguageRegistry languages;
    private final String clusterId;
    private final Map<String, String> parameters;
    private final long cellTimeoutMillis;
    private final RunningNotebooks running;
    private final RunningNotebooks.Entry entry;
    private final List<CellRun> cells = new ArrayList<>();
    private String contextId;
    private boolean failed;
    private boolean exited;
    private String exitValue;

    NotebookExecution(WorkspaceService workspace, CommandExecution commands, LanguageRegistry languages,
            String clusterId, Map<String, String> parameters, long cellTimeoutMillis, RunningNotebooks running,
            String user, TaskValues taskValues) {
        this.workspace = workspace;
        this.commands = commands;
        this.languages = languages;
        this.clusterId = clusterId;
        this.parameters = parameters;
        this.cellTimeoutMillis = cellTimeoutMillis;
        this.running = running;
        this.entry = new RunningNotebooks.Entry(user, null, taskValues);
    }

    /** The value the run's {@code dbutils.notebook.exit} passed, null when it did not exit. */
    String exitValue() {
        return exitValue;
    }

    /** Runs the notebook at {@code path}; returns every cell's run, in order (none after an exit). */
    List<CellRun> run(String path, Notebook notebook) {
        try {
            return runCells(path, notebook, 0, notebook.cells().size() - 1);
        } finally {
            destroyContext();
        }
    }

    /**
     * Runs cells {@code first} to {@code last} of the notebook at {@code path} in the notebook's attached context
     * {@code attachedContextId}, which stays; returns their runs, in order.
     */
    List<CellRun> runAttached(String path, Notebook notebook, int first, int last, String attachedContextId) {
        contextId = attachedContextId;
        running.put(clusterId, contextId, entry);
        try {
            return runCells(path, notebook, first, last);
        } finally {
            running.remove(clusterId, contextId);
        }
    }

    private List<CellRun> runCells(String path, Notebook notebook, int first, int last) {
        Deque<String> stack = new ArrayDeque<>();
        stack.push(path);
        runNotebook(path, notebook, first, last, stack);
        return cells;
    }

    private void runNotebook(String path, Notebook notebook, int first, int last, Deque<String> stack) {
        for (int i = first; i <= last && !exited; i++) {
            Cell cell = notebook.cells().get(i);
            entry.path(path);
            String language = cell.language(notebook.language());
            if (failed) {
                cells.add(new CellRun(cells.size(), path, i, language, cell.title(), CellStatus.SKIPPED, 0, 0,
                        CellOutput.NONE));
            } else if ("run".equals(language)) {
                include(path, i, cell, stack);
            } else {
                long start = System.currentTimeMillis();
                Outcome outcome = runCell(language, cell.command());
                cells.add(new CellRun(cells.size(), path, i, language, cell.title(), outcome.status(), start,
                        System.currentTimeMillis() - start, outcome.output()));
                failed = outcome.status() != CellStatus.FINISHED;
            }
        }
    }

    /** A {@code %run} cell: its own entry, then the other notebook's cells. */
    private void include(String path, int index, Cell cell, Deque<String> stack) {
        int position = cells.size();
        long start = System.currentTimeMillis();
        cells.add(null);
        CellOutput output;
        try {
            String target = RunTargets.resolve(path, cell.command());
            if (stack.contains(target)) {
                List<String> chain = new ArrayList<>(stack);
                Collections.reverse(chain);
                throw BrickworksException.invalidParameter("%run " + target + " would run in a cycle: "
                        + String.join(" -> ", chain) + " -> " + target);
            }
            Notebook included = workspace.notebook(target).notebook();
            stack.push(target);
            try {
                runNotebook(target, included, 0, included.cells().size() - 1, stack);
            } finally {
                stack.pop();
            }
            output = new CellOutput("text", "Ran " + target, false);
        } catch (BrickworksException e) {
            failed = true;
            output = CommandOutputs.text("error", e.getMessage());
        }
        cells.set(position, new CellRun(position, path, index, "run", cell.title(),
                failed ? CellStatus.ERROR : CellStatus.FINISHED, start, System.currentTimeMillis() - start, output));
    }

    private Outcome runCell(String language, String command) {
        if (command.isBlank()) {
            return new Outcome(CellStatus.FINISHED, CellOutput.NONE);
        }
        if (LIBRARY_MAGICS.containsKey(language)) {
            // A notebook-scoped install is a command of its language's interpreter, magic included.
            return runCell(LIBRARY_MAGICS.get(language), "%" + language + " " + command);
        }
        Optional<CellLanguage> cellLanguage = languages.find(language);
        if (cellLanguage.isEmpty()) {
            return new Outcome(CellStatus.ERROR, CommandOutputs.text("error", "Unknown magic command %" + language
                    + "; cells take %run, %pip, %mvn and the installed languages: %"
                    + String.join(", %", languages.languages().keySet())));
        }
        if (cellLanguage.get().placement() == CellLanguage.Placement.PLATFORM) {
            return runHere(cellLanguage.get(), command);
        }
        try {
            return execute(language, command);
        } catch (BrickworksException e) {
            return new Outcome(CellStatus.ERROR, CommandOutputs.text("error", e.getMessage()));
        }
    }

    /** A platform language's cell: no context, no cluster; the language's failure is the cell's error. */
    private Outcome runHere(CellLanguage language, String command) {
        try {
            return outcome(new CommandStatus(null, CommandState.FINISHED, language.run(command, parameters)));
        } catch (RuntimeException e) {
            return new Outcome(CellStatus.ERROR, CommandOutputs.text("error", String.valueOf(e.getMessage())));
        }
    }

    private Outcome execute(String language, String command) {
        if (contextId == null) {
            contextId = commands.createContext(clusterId, language, parameters, entry.user());
            running.put(clusterId, contextId, entry);
        }
        String commandId = commands.execute(clusterId, contextId, language, command, Map.of());
        long deadline = System.currentTimeMillis() + cellTimeoutMillis;
        CommandStatus result = commands.status(clusterId, contextId, commandId, Math.min(POLL_MILLIS,
                cellTimeoutMillis));
        while (!result.done()) {
            long left = deadline - System.currentTimeMillis();
            if (Thread.interrupted()) {
                // the Spark work stops before the context goes: a context destroyed under it would leave it running
                commands.cancel(clusterId, contextId, commandId);
                awaitCancellation(commandId);
                Thread.currentThread().interrupt();
                return new Outcome(CellStatus.CANCELLED, CommandOutputs.text("error", "The run was interrupted"));
            }
            if (left <= 0) {
                commands.cancel(clusterId, contextId, commandId);
                awaitCancellation(commandId);
                return new Outcome(CellStatus.ERROR, CommandOutputs.text("error",
                        "The cell did not finish within " + cellTimeoutMillis / 1000 + " s and was cancelled"));
            }
            result = commands.status(clusterId, contextId, commandId, Math.min(POLL_MILLIS, left));
        }
        return outcome(result);
    }

    /** An ended command's outcome; a {@code dbutils.notebook.exit} ends the run with its value. */
    private Outcome outcome(CommandStatus ended) {
        CommandResult result = ended.result();
        if (result instanceof TextResult text && text.notebookExit()) {
            exited = true;
            exitValue = text.data();
        }
        return new Outcome(CommandOutputs.status(ended), CommandOutputs.output(ended));
    }

    /**
     * Waits a while for a cancelled command to end on the cluster, so that the run ends when the cluster is free again
     * (the next cell or run does not queue behind the cancelled job).
     */
    private void awaitCancellation(String commandId) {
        long deadline = System.currentTimeMillis() + CANCEL_WAIT_MILLIS;
        for (long left = CANCEL_WAIT_MILLIS; left > 0; left = deadline - System.currentTimeMillis()) {
            if (commands.status(clusterId, contextId, commandId, Math.min(POLL_MILLIS, left)).done()) {
                return;
            }
        }
        LOG.warn("Command {} on cluster {} was cancelled but still runs after {} s", commandId, clusterId,
                CANCEL_WAIT_MILLIS / 1000);
    }

    private void destroyContext() {
        if (contextId == null) {
            return;
        }
        running.remove(clusterId, contextId);
        try {
            commands.destroyContext(clusterId, contextId);
        } catch (RuntimeException e) {
            // The cluster may have gone with the run's failure; the context went with it.
            LOG.debug("Could not destroy context {} on cluster {}: {}", contextId, clusterId, e.getMessage());
        }
    }

    private record Outcome(CellStatus status, CellOutput output) {
    }
}
