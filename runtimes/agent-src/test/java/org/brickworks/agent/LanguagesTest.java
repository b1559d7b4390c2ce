package org.brickworks.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.brickworks.agent.languages.BoundedOutput;
import org.brickworks.agent.protocol.AgentLaunch;
import org.brickworks.agent.protocol.AgentPaths;
import org.brickworks.agent.protocol.Mount;
import org.brickworks.agent.protocol.MountTable;
import org.brickworks.agent.testing.AgentClient;
import org.brickworks.agent.testing.AgentProcess;
import org.brickworks.agent.testing.Conditions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** Scala, Python and R contexts of a real agent (real Spark, a real REPL, a real CPython), driven over HTTP. */
class LanguagesTest {

    private static final String SECRET = UUID.randomUUID().toString();

    @TempDir
    static Path dir;
    private static AgentProcess agent;
    private static AgentClient client;
    private static String scala;
    private static String python;

    @BeforeAll
    static void startAgent() throws Exception {
        Files.createDirectories(dir.resolve("dbfs"));
        // The platform gives the DBFS root only: the agent registers its file system for dbfs: itself.
        agent = AgentProcess.start("LanguagesTest", dir, SECRET, "--conf",
                "spark.sql.warehouse.dir=" + dir.resolve("warehouse"), "--conf",
                AgentLaunch.DBFS_ROOT_CONF + "=" + dir.resolve("dbfs"));
        client = new AgentClient(agent.baseUri(), SECRET);
        scala = client.createContext("scala", Map.of("who", "context"));
        python = client.createContext("python", Map.of("who", "context"));
    }

    @AfterAll
    static void stopAgent() throws InterruptedException {
        agent.close();
    }

    @Test
    void scalaDefinitionsPersistAndResultsAreText() throws Exception {
        client.run(scala, "scala", "val answer = 40\ndef plus(n: Int) = answer + n");

        JsonNode result = client.run(scala, "scala", "println(\"hello\")\nplus(2)");

        assertThat(result.get("status").asText()).isEqualTo("Finished");
        assertThat(result.at("/results/resultType").asText()).isEqualTo("text");
        assertThat(result.at("/results/data").asText()).contains("hello").contains("Int = 42");
    }

    @Test
    void scalaCompileErrorsAndExceptionsAreErrorResults() throws Exception {
        JsonNode compile = client.run(scala, "scala", "val a = 1\nval b: Int = \"text\"");
        JsonNode firstLine = client.run(scala, "scala", "foo(1)\nval c = 2");
        JsonNode thrown = client.run(scala, "scala", "throw new IllegalStateException(\"boom\")");

        assertThat(compile.get("status").asText()).isEqualTo("Error");
        assertThat(compile.at("/results/resultType").asText()).isEqualTo("error");
        // The compiler's message and line, on Scala 2.12 (<console>:N) as on 2.13 (On line N).
        assertThat(compile.at("/results/summary").asText()).matches("(<console>:\\d+|On line 2): error: type"
                + " mismatch; found ?: String\\(\"text\"\\) required: Int");
        assertThat(compile.at("/results/cause").asText()).containsPattern("(line 2|<console>:\\d+)");
        assertThat(firstLine.at("/results/summary").asText())
                .matches("(<console>:\\d+|On line 1): error: not found: value foo");
        assertThat(thrown.get("status").asText()).isEqualTo("Error");
        assertThat(thrown.at("/results/summary").asText()).contains("IllegalStateException: boom");
    }

    @Test
    void scalaDisplayShowsATruncatedTableAndClosuresRunOnTheExecutor() throws Exception {
        JsonNode table = client.await(client.execute(scala, "scala",
                "val doubled = sc.parallelize(1 to 5).map(_ * 2).collect().toSeq\ndisplay(doubled.toDF(\"n\"))", 3,
                Map.of()));

        assertThat(table.get("status").asText()).as(table.toString()).isEqualTo("Finished");
        assertThat(table.at("/results/resultType").asText()).isEqualTo("table");
        assertThat(table.at("/results/schema/0/name").asText()).isEqualTo("n");
        assertThat(table.at("/results/data").toString()).isEqualTo("[[2],[4],[6]]");
        assertThat(table.at("/results/truncated").asBoolean()).isTrue();
    }

    @Test
    void closuresOfTwoScalaContextsWithTheSameLineNumbersRunOnTheExecutor() throws Exception {
        String first = client.createContext("scala", Map.of());
        String second = client.createContext("scala", Map.of());

        JsonNode one = client.run(first, "scala", "sc.parallelize(1 to 3).map(_ + 1).collect().sum");
        JsonNode two = client.run(second, "scala", "sc.parallelize(1 to 3).map(_ * 10).collect().sum");

        assertThat(one.at("/results/data").asText()).as(one.toString()).contains("Int = 9");
        assertThat(two.at("/results/data").asText()).as(two.toString()).contains("Int = 60");
    }

    @Test
    void scalaTempViewsAreSeenBySqlInTheSameContext() throws Exception {
        client.run(scala, "scala", "spark.range(3).toDF(\"id\").createOrReplaceTempView(\"from_scala\")");

        JsonNode count = client.run(scala, "sql", "SELECT count(*) FROM from_scala");

        assertThat(count.at("/results/data").toString()).isEqualTo("[[3]]");
    }

    @Test
    void scalaWidgetsReadParametersAndExitEndsTheCommand() throws Exception {
        JsonNode fromContext = client.run(scala, "scala",
                "dbutils.widgets.text(\"who\", \"default\")\n"
                        + "dbutils.widgets.dropdown(\"size\", \"S\", Seq(\"S\", \"L\"))\n"
                        + "println(dbutils.widgets.get(\"who\") + \" \" + dbutils.widgets.get(\"size\"))");
        JsonNode fromCommand = client.await(client.execute(scala, "scala", "println(dbutils.widgets.get(\"size\"))",
                10, Map.of("size", "L")));
        JsonNode exit = client.run(scala, "scala", "dbutils.notebook.exit(\"done\")\nprintln(\"not reached\")");

        assertThat(fromContext.at("/results/data").asText()).contains("context S");
        assertThat(fromCommand.at("/results/data").asText()).isEqualTo("L");
        assertThat(exit.get("status").asText()).isEqualTo("Finished");
        assertThat(exit.at("/results/resultType").asText()).isEqualTo("text");
        assertThat(exit.at("/results/data").asText()).isEqualTo("done");
        assertThat(exit.at("/results/notebookExit").asBoolean()).isTrue();
    }

    @Test
    void cancelStopsAScalaJobAndALoopAndTheContextStaysUsable() throws Exception {
        String context = client.createContext("scala", Map.of());
        Path jobStarted = dir.resolve("job-started");
        Path loopStarted = dir.resolve("loop-started");
        String job = client.execute(context, "scala", "new java.io.File(\"" + jobStarted + "\").createNewFile()\n"
                + "sc.parallelize(1 to 1000000, 2).map { i => Thread.sleep(5); i }.count()", 10, Map.of());
        String loop = client.execute(context, "scala", "var i = 0L\nnew java.io.File(\"" + loopStarted
                + "\").createNewFile()\nwhile (true) { i += 1 }", 10, Map.of());

        assertThat(Conditions.awaitFile(jobStarted)).isTrue();
        client.cancel(job);
        JsonNode cancelledJob = client.await(job);
        assertThat(Conditions.awaitFile(loopStarted)).isTrue();
        client.cancel(loop);
        JsonNode cancelledLoop = client.await(loop);
        JsonNode next = client.run(context, "scala", "1 + 1");

        assertThat(cancelledJob.get("status").asText()).isEqualTo("Cancelled");
        assertThat(cancelledLoop.get("status").asText()).isEqualTo("Cancelled");
        assertThat(next.at("/results/data").asText()).contains("Int = 2");
    }

    @Test
    void pythonStateOutputAndTracebacks() throws Exception {
        client.run(python, "python", "import math\ndef area(r):\n    return math.pi * r * r");

        JsonNode value = client.run(python, "python", "print('hi')\nimport sys\nprint('warn', file=sys.stderr)\n"
                + "round(area(1), 2)");
        JsonNode failure = client.run(python, "python", "def f():\n    return 1 / 0\nf()");
        JsonNode syntax = client.run(python, "python", "def (:");

        assertThat(value.get("status").asText()).isEqualTo("Finished");
        assertThat(value.at("/results/resultType").asText()).isEqualTo("text");
        assertThat(value.at("/results/data").asText()).isEqualTo("hi\nwarn\n3.14");
        assertThat(failure.get("status").asText()).isEqualTo("Error");
        assertThat(failure.at("/results/summary").asText()).isEqualTo("ZeroDivisionError: division by zero");
        assertThat(failure.at("/results/cause").asText()).contains("Traceback").contains("line 2, in f")
                .doesNotContain("python_kernel");
        assertThat(syntax.at("/results/summary").asText()).startsWith("SyntaxError");
    }

    @Test
    void pythonPandasDataFramesAreTables() throws Exception {
        JsonNode last = client.await(client.execute(python, "python",
                "import pandas as pd\npd.DataFrame({'n': [1, 2, 3], 'name': ['a', 'b', None], 'x': [0.5, 1.5, 2.5]})",
                2, Map.of()));
        JsonNode displayed = client.run(python, "python", "display(pd.DataFrame({'ok': [True]}))\nprint('ignored')");

        assertThat(last.get("status").asText()).as(last.toString()).isEqualTo("Finished");
        assertThat(last.at("/results/resultType").asText()).isEqualTo("table");
        assertThat(last.at("/results/schema").toString()).contains("\"name\":\"n\",\"type\":\"\\\"long\\\"\"")
                .contains("\"type\":\"\\\"string\\\"\"").contains("\"type\":\"\\\"double\\\"\"");
        assertThat(last.at("/results/data").toString()).isEqualTo("[[1,\"a\",0.5],[2,\"b\",1.5]]");
        assertThat(last.at("/results/truncated").asBoolean()).isTrue();
        assertThat(displayed.at("/results/data").toString()).isEqualTo("[[true]]");
    }

    @Test
    void pythonSparkWithoutPySparkSaysHowToInstallIt() throws Exception {
        JsonNode result = client.run(python, "python", "spark.sql('SELECT 1')");

        assertThat(result.get("status").asText()).isEqualTo("Error");
        assertThat(result.at("/results/summary").asText()).startsWith("PySparkNotInstalled")
                .contains("pyspark[connect]==" + System.getProperty("brickworks.expected.spark.version"));
    }

    @Test
    void pythonWidgetsExitAndCancel() throws Exception {
        JsonNode widget = client.await(client.execute(python, "python",
                "dbutils.widgets.text('who', 'default')\ndbutils.widgets.get('who')", 10, Map.of("who", "command")));
        JsonNode exit = client.run(python, "python", "dbutils.notebook.exit(42)");
        String sleep = client.execute(python, "python", "import time\ntime.sleep(120)", 10, Map.of());
        assertThat(client.awaitRunning(sleep)).isTrue();
        client.cancel(sleep);
        JsonNode cancelled = client.await(sleep);
        JsonNode next = client.run(python, "python", "area(2) > 12");

        assertThat(widget.at("/results/data").asText()).isEqualTo("'command'");
        assertThat(exit.at("/results/data").asText()).isEqualTo("42");
        assertThat(exit.at("/results/notebookExit").asBoolean()).isTrue();
        assertThat(cancelled.get("status").asText()).isEqualTo("Cancelled");
        assertThat(cancelled.at("/results/summary").asText()).contains("KeyboardInterrupt");
        assertThat(next.at("/results/data").asText()).isEqualTo("True");
    }

    @Test
    void scalaDbutilsFsWorksOnDbfsPaths() throws Exception {
        JsonNode written = client.run(scala, "scala", "dbutils.fs.mkdirs(\"/scala/in\")\n"
                + "dbutils.fs.put(\"/scala/in/a.txt\", \"hello dbfs\", true)\n"
                + "dbutils.fs.cp(\"dbfs:/scala/in\", \"/scala/copy\", true)\n"
                + "dbutils.fs.mv(\"/scala/copy/a.txt\", \"/scala/moved.txt\")\n"
                + "println(dbutils.fs.ls(\"/scala\").map(f => f.name + \" \" + f.size).mkString(\",\"))\n"
                + "println(dbutils.fs.head(\"/scala/moved.txt\", 5))");
        JsonNode again = client.run(scala, "scala", "dbutils.fs.put(\"/scala/in/a.txt\", \"twice\")");
        JsonNode directory = client.run(scala, "scala", "dbutils.fs.rm(\"/scala/in\")");
        JsonNode removed = client.run(scala, "scala", "dbutils.fs.rm(\"/scala/in\", true)");
        JsonNode missing = client.run(scala, "scala", "dbutils.fs.ls(\"/scala/in\")");

        assertThat(written.at("/results/data").asText()).as(written.toString())
                .contains("copy/ 0,in/ 0,moved.txt 10\nhello");
        assertThat(Files.readString(dir.resolve("dbfs/scala/moved.txt"))).isEqualTo("hello dbfs");
        assertThat(again.at("/results/summary").asText()).contains("FileAlreadyExistsException");
        assertThat(directory.get("status").asText()).isEqualTo("Error");
        assertThat(removed.at("/results/data").asText()).contains("Boolean = true");
        assertThat(missing.at("/results/summary").asText())
                .isEqualTo("java.io.FileNotFoundException: File dbfs:/scala/in does not exist");
    }

    @Test
    void pythonDbutilsFsReachesTheSameFilesAsScala() throws Exception {
        JsonNode put = client.run(python, "python", "dbutils.fs.put('/py/data.csv', 'id,name\\n1,a\\n', True)");
        JsonNode listed = client.run(python, "python", "[(f.name, f.size, f.isDir()) for f in dbutils.fs.ls('/py')]");
        JsonNode head = client.run(scala, "scala", "print(dbutils.fs.head(\"/py/data.csv\"))");
        JsonNode info = client.run(python, "python", "dbutils.fs.ls('dbfs:/py/data.csv')[0]");
        JsonNode missing = client.run(python, "python", "dbutils.fs.head('/py/missing.csv')");
        JsonNode mounts = client.run(python, "python", "dbutils.fs.mounts()");

        assertThat(put.at("/results/data").asText()).isEqualTo("True");
        assertThat(listed.at("/results/data").asText()).isEqualTo("[('data.csv', 12, False)]");
        assertThat(head.at("/results/data").asText()).isEqualTo("id,name\n1,a");
        assertThat(info.at("/results/data").asText())
                .matches("FileInfo\\(path='dbfs:/py/data.csv', name='data.csv', size=12, modificationTime=\\d+\\)");
        assertThat(missing.get("status").asText()).isEqualTo("Error");
        assertThat(missing.at("/results/summary").asText())
                .isEqualTo("ExecutionError: java.io.FileNotFoundException: File dbfs:/py/missing.csv does not exist");
        assertThat(mounts.at("/results/data").asText()).contains("MountInfo(mountPoint='/', source='DbfsRoot')");
    }

    @Test
    void widgetsAreSharedBetweenScalaAndPythonOfOneContext() throws Exception {
        String context = client.createContext("scala", Map.of("from_context", "c"));
        client.run(context, "scala", "dbutils.widgets.text(\"color\", \"red\")");
        JsonNode inPython = client.run(context, "python",
                "dbutils.widgets.get('color') + dbutils.widgets.get('from_context')");
        client.run(context, "python", "dbutils.widgets.dropdown('size', 'M', ['S', 'M'])");
        JsonNode inScala = client.run(context, "scala", "println(dbutils.widgets.get(\"size\"))");
        JsonNode parameter = client.await(client.execute(context, "python", "dbutils.widgets.get('color')", 10,
                Map.of("color", "blue")));
        JsonNode undefined = client.run(context, "python", "dbutils.widgets.get('nope')");
        JsonNode inSql = client.run(context, "sql", "SELECT '${color}' AS color, '${from_context}' AS c");
        JsonNode typo = client.run(context, "sql", "SELECT '${colour}' AS color");

        assertThat(inSql.at("/results/data/0").toString()).as(inSql.toString()).isEqualTo("[\"red\",\"c\"]");
        assertThat(typo.at("/results/summary").asText()).as(typo.toString()).contains("${colour}")
                .contains("no widget or parameter named colour");
        assertThat(inPython.at("/results/data").asText()).as(inPython.toString()).isEqualTo("'redc'");
        assertThat(inScala.at("/results/data").asText()).isEqualTo("M");
        assertThat(parameter.at("/results/data").asText()).isEqualTo("'blue'");
        assertThat(undefined.at("/results/summary").asText()).contains("InputWidgetNotDefined");
    }

    @Test
    void fsMagicListsAsATableAndRunsFromAnyLanguage() throws Exception {
        client.run(scala, "fs", "put -f /magic/one.txt \"one line\"");
        JsonNode listed = client.run(python, "python", "%fs ls /magic");
        JsonNode head = client.run(scala, "scala", "%fs head /magic/one.txt");
        JsonNode removed = client.run(scala, "fs", "rm -r /magic");
        JsonNode unknown = client.run(scala, "fs", "chmod /magic");

        assertThat(listed.at("/results/resultType").asText()).as(listed.toString()).isEqualTo("table");
        assertThat(listed.at("/results/schema").toString()).contains("\"name\":\"path\"")
                .contains("\"name\":\"modificationTime\",\"type\":\"\\\"long\\\"\"");
        assertThat(listed.at("/results/data/0/0").asText()).isEqualTo("dbfs:/magic/one.txt");
        assertThat(listed.at("/results/data/0/2").asLong()).isEqualTo(8);
        assertThat(head.at("/results/data").asText()).isEqualTo("one line");
        assertThat(removed.at("/results/data").asText()).isEqualTo("true");
        assertThat(Files.exists(dir.resolve("dbfs/magic"))).isFalse();
        assertThat(unknown.at("/results/summary").asText()).contains("Unknown %fs command chmod");
    }

    @Test
    void notebookRunAndMountWithoutAPlatformSaySo() throws Exception {
        JsonNode run = client.run(python, "python", "dbutils.notebook.run('./child', 10, {'a': 1})");
        JsonNode mount = client.run(scala, "scala",
                "dbutils.fs.mount(\"wasbs://c@a.blob.core.windows.net\", \"/mnt/c\", Map(\"k\" -> \"v\"))");

        assertThat(run.at("/results/summary").asText())
                .isEqualTo("ExecutionError: java.lang.IllegalStateException: dbutils.notebook.run needs the platform: "
                        + "this driver was started without --auth-url");
        assertThat(mount.at("/results/summary").asText()).contains("dbutils.fs.mount needs the platform");
    }

    @Test
    void dbutilsHelpIsTheSameInScalaAndPython() throws Exception {
        JsonNode scalaModules = client.run(scala, "scala", "dbutils.help()");
        JsonNode pythonModules = client.run(python, "python", "dbutils.help()");
        JsonNode scalaFs = client.run(scala, "scala", "dbutils.fs.help()");
        JsonNode pythonFs = client.run(python, "python", "dbutils.fs.help()");
        JsonNode scalaCp = client.run(scala, "scala", "dbutils.fs.help(\"cp\")");
        JsonNode pythonCp = client.run(python, "python", "dbutils.fs.help('cp')");
        JsonNode widgets = client.run(python, "python", "dbutils.widgets.help()");
        JsonNode run = client.run(scala, "scala", "dbutils.notebook.help(\"run\")");
        JsonNode unknown = client.run(python, "python", "dbutils.fs.help('chmod')");

        assertThat(scalaModules.at("/results/data").asText()).as(scalaModules.toString())
                .contains("fs: DbfsUtils -> Manipulates the Databricks filesystem (DBFS) from the console")
                .contains("notebook: NotebookUtils -> ").contains("widgets: WidgetsUtils -> ");
        assertThat(pythonModules.at("/results/data").asText()).isEqualTo(scalaModules.at("/results/data").asText());
        assertThat(scalaFs.at("/results/data").asText()).contains("\nfsutils\ncp(from: String, to: String, recurse:"
                + " boolean = false): boolean -> Copies a file or directory, possibly across FileSystems\n")
                .contains("\nmount\n");
        assertThat(pythonFs.at("/results/data").asText()).isEqualTo(scalaFs.at("/results/data").asText());
        assertThat(scalaCp.at("/results/data").asText()).startsWith("/**\n * Copies a file or directory")
                .contains(" * @param recurse ").endsWith("*/\ncp(from: String, to: String, recurse: boolean = false):"
                        + " boolean");
        assertThat(pythonCp.at("/results/data").asText()).isEqualTo(scalaCp.at("/results/data").asText());
        assertThat(widgets.at("/results/data").asText()).contains("get(name: String): String -> ");
        assertThat(run.at("/results/data").asText()).contains("run(path: String, timeoutSeconds: int");
        assertThat(unknown.at("/results/summary").asText()).contains("chmod is not a method of dbutils.fs")
                .contains("cp, head, ls");
    }

    @Test
    void pushedMountsAreServedAtOnceAnOlderTableIsIgnoredAndCredentialsStayOutOfTheSparkConf() throws Exception {
        Path storage = Files.createDirectories(dir.resolve("storage"));
        Files.writeString(storage.resolve("data.txt"), "mounted");
        Mount mount = new Mount(storage.toUri().toString(), "/mnt/store", Map.of("fs.test.key", "s3cr3t-key"));

        JsonNode pushed = client.call("PUT", AgentPaths.MOUNTS, new MountTable(5, List.of(mount)));
        JsonNode python = client.run(LanguagesTest.python, "python", "dbutils.fs.head('/mnt/store/data.txt')");
        JsonNode sql = client.run(scala, "sql", "SELECT value FROM text.`dbfs:/mnt/store/data.txt`");
        JsonNode older = client.call("PUT", AgentPaths.MOUNTS, new MountTable(4, List.of()));
        JsonNode listed = client.run(scala, "fs", "mounts");
        JsonNode conf = client.run(scala, "scala", "println(sc.getConf.getAll.mkString(\"\\n\"))");
        JsonNode invalid = client.call("PUT", AgentPaths.MOUNTS,
                new MountTable(6, List.of(new Mount(storage.toString(), "/data", Map.of()))));

        assertThat(pushed.toString()).contains("\"version\":5").contains("/mnt/store").doesNotContain("s3cr3t");
        assertThat(python.at("/results/data").asText()).as(python.toString()).isEqualTo("'mounted'");
        assertThat(sql.at("/results/data").toString()).as(sql.toString()).isEqualTo("[[\"mounted\"]]");
        assertThat(older.get("version").asLong()).isEqualTo(5);
        assertThat(listed.at("/results/data").toString()).contains("[\"/mnt/store\",\"" + storage.toUri());
        assertThat(conf.at("/results/data").asText()).contains("spark.hadoop.fs.dbfs.impl")
                .contains("spark.hadoop.fs.dbfs.mounts.file").doesNotContain("s3cr3t");
        assertThat(invalid.get("errorCode").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        Path copy = dir.resolve("dbfs-mounts.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-------");
        assertThat(Files.readString(AgentProcess.log("LanguagesTest"))).doesNotContain("s3cr3t");
    }

    @Test
    void rStateOutputErrorsAndTables() throws Exception {
        String r = rContext();
        client.run(r, "r", "x <- 20\narea <- function(r) pi * r^2");

        JsonNode value = client.run(r, "r", "cat('hi\\n')\nmessage('note')\nx + 1");
        JsonNode failure = client.run(r, "r", "f <- function(v) log(v)\nprint('before')\nf('a')");
        JsonNode stopped = client.run(r, "r", "stop('boom')");
        JsonNode syntax = client.run(r, "r", "x +");
        JsonNode table = client.await(client.execute(r, "r",
                "data.frame(n = 1:3, name = c('a', 'tab\\there', NA), x = c(0.5, 1.5, 2.5), ok = c(TRUE, NA, FALSE))",
                2, Map.of()));
        JsonNode displayed = client.run(r, "r", "display(data.frame(area = round(area(1), 2)))\nprint('ignored')");
        JsonNode big = client.run(r, "r", "cat(strrep('x', 100 * 1024 * 1024))");
        JsonNode after = client.run(r, "r", "x * 2");

        assertThat(value.get("status").asText()).isEqualTo("Finished");
        assertThat(value.at("/results/resultType").asText()).isEqualTo("text");
        assertThat(value.at("/results/data").asText()).isEqualTo("hi\nnote\n[1] 21");
        assertThat(failure.get("status").asText()).isEqualTo("Error");
        assertThat(failure.at("/results/summary").asText())
                .isEqualTo("Error in log(v): non-numeric argument to mathematical function");
        assertThat(failure.at("/results/cause").asText()).contains("[1] \"before\"").contains("f(\"a\")")
                .doesNotContain("r_kernel");
        assertThat(stopped.at("/results/summary").asText()).isEqualTo("Error: boom");
        assertThat(syntax.at("/results/summary").asText()).contains("unexpected end of input");
        assertThat(table.get("status").asText()).as(table.toString()).isEqualTo("Finished");
        assertThat(table.at("/results/resultType").asText()).isEqualTo("table");
        assertThat(table.at("/results/schema").toString()).contains("\"name\":\"n\",\"type\":\"\\\"integer\\\"\"")
                .contains("\"type\":\"\\\"string\\\"\"").contains("\"type\":\"\\\"double\\\"\"")
                .contains("\"type\":\"\\\"boolean\\\"\"");
        assertThat(table.at("/results/data").toString()).isEqualTo("[[1,\"a\",0.5,true],[2,\"tab\\there\",1.5,null]]");
        assertThat(table.at("/results/truncated").asBoolean()).isTrue();
        assertThat(displayed.at("/results/data").toString()).isEqualTo("[[3.14]]");
        assertThat(big.get("status").asText()).isEqualTo("Finished");
        assertThat(big.at("/results/data").asText()).hasSizeLessThan(2 * BoundedOutput.DEFAULT_LIMIT)
                .endsWith(BoundedOutput.TRUNCATION_NOTE);
        assertThat(after.at("/results/data").asText()).isEqualTo("[1] 40");
    }

    @Test
    void rCancelStopsALongCommandAndTheContextStaysUsable() throws Exception {
        String r = rContext();
        client.run(r, "r", "kept <- 'still here'");
        Path started = dir.resolve("r-loop-started");
        String loop = client.execute(r, "r", "i <- 0\nfile.create('" + started + "')\nrepeat { i <- i + 1 }", 10,
                Map.of());
        assertThat(Conditions.awaitFile(started)).isTrue();

        client.cancel(loop);
        JsonNode cancelled = client.await(loop);
        JsonNode next = client.run(r, "r", "cat(kept, i > 0)");

        assertThat(cancelled.get("status").asText()).as(cancelled.toString()).isEqualTo("Cancelled");
        assertThat(next.at("/results/data").asText()).as(next.toString()).isEqualTo("still here TRUE");
    }

    /** A new R context; the test is skipped where R is not installed (.ci/run installs it). */
    private static String rContext() throws Exception {
        assumeTrue(RuntimeCheck.onPath("R"), "R is not installed (.ci/run installs r-base-core)");
        return client.createContext("r", Map.of());
    }

    /** Whether an executable is on the PATH. */
    static final class RuntimeCheck {
        static boolean onPath(String executable) {
            for (String entry : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                if (Path.of(entry, executable).toFile().canExecute()) {
                    return true;
                }
            }
            return false;
        }
    }
}
