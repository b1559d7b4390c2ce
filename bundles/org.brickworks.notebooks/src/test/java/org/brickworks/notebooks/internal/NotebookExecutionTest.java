package org.brickworks.notebooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.execution.api.CellLanguage;
import org.brickworks.execution.api.CommandExecution;
import org.brickworks.execution.api.LanguageRegistry;
import org.brickworks.execution.api.dto.CommandState;
import org.brickworks.execution.api.dto.CommandStatus;
import org.brickworks.execution.api.dto.ErrorResult;
import org.brickworks.execution.api.dto.TableResult;
import org.brickworks.execution.api.dto.TextResult;
import org.brickworks.notebooks.api.dto.CellRun;
import org.brickworks.notebooks.api.dto.CellStatus;
import org.brickworks.workspace.api.WorkspaceService;
import org.brickworks.workspace.api.dto.Cell;
import org.brickworks.workspace.api.dto.Notebook;
import org.brickworks.workspace.api.dto.NotebookLanguage;
import org.brickworks.workspace.api.dto.NotebookRevision;
import org.junit.jupiter.api.Test;

/** Whole-notebook runs over a recording command execution and a language registry of this test's making. */
class NotebookExecutionTest {
    private final Commands commands = new Commands();
    private final Languages languages = new Languages();
    private final Map<String, Notebook> notebooks = new ConcurrentHashMap<>();
    private final RunningNotebooks running = new RunningNotebooks();

    @Test
    void runsTheCellsInOneContextWithTheRunsWidgetsAndMarkdownOnThePlatform() {
        List<CellRun> cells = run(notebook("%md\n# Title", "SELECT '${day}' AS day", "%python\nprint(1)"),
                Map.of("day", "2024-01-02"));

        assertThat(cells).extracting(CellRun::status).containsOnly(CellStatus.FINISHED);
        assertThat(cells.get(0).output().type()).isEqualTo("html");
        assertThat(cells.get(0).output().data()).contains("<h1>Title</h1>");
        // The run's parameters are the context's widgets: the driver resolves ${day} in the SQL cell.
        assertThat(commands.contexts).containsExactly("sql {day=2024-01-02}");
        assertThat(commands.executed).containsExactly("sql: SELECT '${day}' AS day", "python: print(1)");
        assertThat(commands.destroyed).containsExactly("ctx1");
        assertThat(cells.get(1).output().type()).isEqualTo("table");
    }

    @Test
    void stopsAtTheFirstFailureAndSkipsTheRest() {
        List<CellRun> cells = run(notebook("SELECT 1", "boom", "SELECT 2"), Map.of());

        assertThat(cells).extracting(CellRun::status).containsExactly(CellStatus.FINISHED, CellStatus.ERROR,
                CellStatus.SKIPPED);
        assertThat(cells.get(1).output().data()).isEqualTo("Boom\nat line 1");
        assertThat(commands.executed).hasSize(2);
    }

    @Test
    void aNotebookExitEndsTheRunWithItsValue() {
        NotebookExecution execution = execution(Map.of(), 60_000);

        List<CellRun> cells = execution.run("/nb", notebook("exit", "SELECT 2"));

        assertThat(cells).hasSize(1);
        assertThat(execution.exitValue()).isEqualTo("done");
    }

    @Test
    void aShCellRunsOnlyWhenAnShLanguageIsInstalledElseItsErrorNamesTheInstalledOnes() {
        List<CellRun> without = run(notebook("%sh\nls /"), Map.of());

        assertThat(without.get(0).status()).isEqualTo(CellStatus.ERROR);
        assertThat(without.get(0).output().data()).isEqualTo("Unknown magic command %sh; cells take %run, %pip, %mvn"
                + " and the installed languages: %md, %python, %scala, %sql");
        assertThat(commands.executed).isEmpty();

        languages.add("sh", () -> "Shell commands on the driver");
        List<CellRun> with = run(notebook("%sh\nls /"), Map.of());

        assertThat(with.get(0).status()).isEqualTo(CellStatus.FINISHED);
        assertThat(commands.executed).containsExactly("sh: ls /");
    }

    @Test
    void installMagicsAreCommandsOfTheirLanguageAndRunInlinesAnotherNotebook() {
        notebooks.put("/lib/setup", notebook("SELECT 'setup'"));

        List<CellRun> cells = run(notebook("%pip install tiny", "%run ../lib/setup", "%mvn install a:b:1"), Map.of());

        assertThat(cells).extracting(CellRun::language).containsExactly("pip", "run", "sql", "mvn");
        assertThat(commands.executed).containsExactly("python: %pip install tiny", "sql: SELECT 'setup'",
                "scala: %mvn install a:b:1");
    }

    @Test
    void aCellThatRunsTooLongIsCancelledAndFailsTheRun() {
        List<CellRun> cells = execution(Map.of(), 50).run("/nb", notebook("slow", "SELECT 1"));

        assertThat(cells.get(0).status()).isEqualTo(CellStatus.ERROR);
        assertThat(cells.get(0).output().data()).contains("did not finish within 0 s and was cancelled");
        assertThat(commands.cancelled).containsExactly("slow");
        assertThat(cells.get(1).status()).isEqualTo(CellStatus.SKIPPED);
    }

    private List<CellRun> run(Notebook notebook, Map<String, String> parameters) {
        return execution(parameters, 60_000).run("/nb/main", notebook);
    }

    private NotebookExecution execution(Map<String, String> parameters, long cellTimeoutMillis) {
        WorkspaceService workspace = (WorkspaceService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { WorkspaceService.class }, (proxy, method, args) -> {
                    if (method.getName().equals("notebook") && args.length == 1 && notebooks.containsKey(args[0])) {
                        return new NotebookRevision(null, 1, notebooks.get(args[0]));
                    }
                    throw BrickworksException.notFound("Path (" + args[0] + ") doesn't exist.");
                });
        return new NotebookExecution(workspace, commands, languages, "c1", parameters, cellTimeoutMillis, running,
                "alice", null);
    }

    private static Notebook notebook(String... sources) {
        return new Notebook(NotebookLanguage.SQL, List.of(sources).stream().map(Cell::of).toList(), true);
    }

    /** The built-in languages' names, {@code md} on the platform; tests add more. */
    private static final class Languages implements LanguageRegistry {
        private final SortedMap<String, CellLanguage> all = new TreeMap<>();

        Languages() {
            for (String name : List.of("sql", "python", "scala")) {
                add(name, () -> name);
            }
            all.put("md", new MarkdownLanguage());
        }

        void add(String name, CellLanguage language) {
            all.put(name, language);
        }

        @Override
        public SortedMap<String, CellLanguage> languages() {
            return Collections.unmodifiableSortedMap(new TreeMap<>(all));
        }

        @Override
        public Optional<CellLanguage> find(String name) {
            return Optional.ofNullable(all.get(name));
        }

        @Override
        public CellLanguage require(String name) {
            return find(name).orElseThrow();
        }
    }

    /** Answers by command text: {@code boom} fails, {@code exit} exits, {@code slow} runs until cancelled. */
    private static final class Commands implements CommandExecution {
        final List<String> contexts = new ArrayList<>();
        final List<String> executed = new ArrayList<>();
        final List<String> cancelled = new ArrayList<>();
        final List<String> destroyed = new ArrayList<>();

        @Override
        public String createContext(String clusterId, String language, Map<String, String> parameters) {
            contexts.add(language + " " + parameters);
            return "ctx" + contexts.size();
        }

        @Override
        public String contextStatus(String clusterId, String contextId) {
            return "Running";
        }

        @Override
        public void destroyContext(String clusterId, String contextId) {
            destroyed.add(contextId);
        }

        @Override
        public String execute(String clusterId, String contextId, String language, String command,
                Map<String, String> parameters) {
            executed.add(language + ": " + command);
            return command;
        }

        @Override
        public CommandStatus status(String clusterId, String contextId, String commandId, long waitMillis) {
            return switch (commandId) {
            case "boom" -> new CommandStatus(commandId, CommandState.ERROR, new ErrorResult("Boom", "at line 1"));
            case "exit" -> new CommandStatus(commandId, CommandState.FINISHED, new TextResult("done", true));
            case "slow" -> cancelled.contains(commandId)
                    ? new CommandStatus(commandId, CommandState.CANCELLED, new ErrorResult("Cancelled", ""))
                    : new CommandStatus(commandId, CommandState.RUNNING, null);
            default -> new CommandStatus(commandId, CommandState.FINISHED,
                    new TableResult(List.of(new TableResult.Column("x", "\"string\"", "{}")), List.of(), false));
            };
        }

        @Override
        public void cancel(String clusterId, String contextId, String commandId) {
            cancelled.add(commandId);
        }
    }
}
