"""The Python interpreter of a Brickworks execution context.

The driver agent starts one per Python context and talks to it over the process's standard input
and a private copy of its standard output: one JSON request a line
({"code", "max_rows", "parameters", "command_id"}) and one JSON answer a line ({"result": ...},
a Command Execution API 1.2 result). File descriptor 1 itself is pointed at standard error, so
what a subprocess prints goes to the driver's log instead of breaking the protocol. SIGINT
interrupts the running command (the agent sends it on cancel); it is blocked between commands, so
a late one never loses a request or hits the next command.

Cells see `spark` (a Spark Connect session on the cluster when PySpark is installed, else an
object whose every use raises a clear error), `dbutils` and `display`. A request's "sys_path" lists the
library folders the context sees (notebook-scoped first, then the cluster's): new ones go on sys.path before the
command runs.
"""

import ast
import importlib
import io
import json
import linecache
import os
import signal
import sys
import traceback

PROTOCOL = os.fdopen(os.dup(1), "w", encoding="utf-8")
os.dup2(2, 1)
MAX_OUTPUT = int(os.environ.get("BRICKWORKS_MAX_OUTPUT", 1 << 20))
TRUNCATION_NOTE = "\n*** WARNING: max output size exceeded, skipping output. ***"
SPARK_VERSION = os.environ.get("BRICKWORKS_SPARK_VERSION", "")


class Output(io.TextIOBase):
    """A command's stdout and stderr, kept up to MAX_OUTPUT characters."""

    def __init__(self):
        self.parts, self.size, self.truncated = [], 0, False

    def writable(self):
        return True

    def write(self, text):
        room = MAX_OUTPUT - self.size
        if len(text) > room:
            self.truncated = True
            text = text[:max(room, 0)]
        self.parts.append(text)
        self.size += len(text)
        return len(text)

    def text(self):
        return "".join(self.parts) + (TRUNCATION_NOTE if self.truncated else "")


class NotebookExit(BaseException):
    """dbutils.notebook.exit(value): ends the command (a BaseException, so `except Exception` lets it by)."""

    def __init__(self, value):
        super().__init__(value)
        self.value = value


class PySparkNotInstalled(RuntimeError):
    pass


class SparkUnavailable:
    """`spark` where PySpark's Spark Connect client is not importable: every use raises one clear error."""

    def __init__(self, reason):
        object.__setattr__(self, "_reason", reason)

    def _fail(self):
        raise PySparkNotInstalled(object.__getattribute__(self, "_reason"))

    def __getattr__(self, name):
        self._fail()

    def __repr__(self):
        self._fail()

    def __call__(self, *args, **kwargs):
        self._fail()


def make_spark():
    version = SPARK_VERSION or "<the cluster's Spark version>"
    install = ("Install the PyPI package pyspark[connect]=={0} on the cluster (a cluster library, or "
               "%pip install pyspark[connect]=={0}); then `spark` is a Spark Connect session on the cluster."
               ).format(version)
    try:
        from pyspark.sql.connect.session import SparkSession
    except ImportError as e:
        return SparkUnavailable("`spark` needs PySpark with its Spark Connect client, which this Python "
                                "cannot import ({0}). {1}".format(e, install))
    url = os.environ.get("BRICKWORKS_CONNECT_URL")
    if not url:
        return SparkUnavailable("`spark` needs the cluster's Spark Connect endpoint, which is off on this cluster.")
    return SparkSession.builder.remote(url).getOrCreate()


class Widgets:
    """dbutils.widgets: values come from the run's parameters, else the widget's default."""

    def __init__(self):
        self.defaults, self.parameters = {}, {}

    def text(self, name, defaultValue="", label=None):
        self.defaults[name] = "" if defaultValue is None else str(defaultValue)

    def dropdown(self, name, defaultValue, choices, label=None):
        if defaultValue not in choices:
            raise ValueError("Default value {0} of dropdown {1} is not one of {2}".format(
                defaultValue, name, list(choices)))
        self.defaults[name] = defaultValue

    combobox = dropdown

    def get(self, name):
        if name in self.parameters:
            return self.parameters[name]
        if name in self.defaults:
            return self.defaults[name]
        raise ValueError("InputWidgetNotDefined: No input widget named {0} is defined".format(name))

    def getArgument(self, name, defaultValue=None):
        return self.parameters.get(name, self.defaults.get(name, defaultValue))

    def remove(self, name):
        self.defaults.pop(name, None)

    def removeAll(self):
        self.defaults.clear()


class Notebook:
    def exit(self, value):
        raise NotebookExit(str(value))

    def run(self, path, timeout_seconds=0, arguments=None):
        raise RuntimeError("dbutils.notebook.run is not available in a command: run notebooks through the workspace")


class Fs:
    def __getattr__(self, name):
        def unavailable(*args, **kwargs):
            raise RuntimeError("dbutils.fs: DBFS is not available yet")
        return unavailable


class DBUtils:
    def __init__(self):
        self.widgets, self.notebook, self.fs = Widgets(), Notebook(), Fs()


SPARK_TYPES = {"b": "boolean", "i": "long", "u": "long", "f": "double", "M": "timestamp"}


def json_value(value):
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            value = value.item()
        except (ValueError, AttributeError):
            pass
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def table(frame, max_rows):
    """A pandas DataFrame as a 1.2 table result: Spark type names, at most max_rows rows."""
    schema = [{"name": str(name), "type": json.dumps(SPARK_TYPES.get(dtype.kind, "string")), "metadata": "{}"}
              for name, dtype in frame.dtypes.items()]
    rows = [[json_value(v) for v in row] for row in frame.head(max_rows).itertuples(index=False, name=None)]
    return {"resultType": "table", "schema": schema, "data": rows, "truncated": len(frame) > max_rows,
            "isJsonSchema": True}


class Kernel:
    def __init__(self):
        self.dbutils = DBUtils()
        self.displayed = None
        self.max_rows = 1000
        self.count = 0
        self.namespace = {"__name__": "__main__", "__builtins__": __builtins__, "spark": make_spark(),
                          "dbutils": self.dbutils, "display": self.display}

    def display(self, data, *args, **kwargs):
        if hasattr(data, "toPandas") and hasattr(data, "limit"):
            data = data.limit(self.max_rows + 1).toPandas()
        pandas = sys.modules.get("pandas")
        if pandas is not None and isinstance(data, pandas.Series):
            data = data.to_frame()
        if pandas is not None and isinstance(data, pandas.DataFrame):
            self.displayed = table(data, self.max_rows)
        else:
            print(repr(data))

    def run(self, request):
        self.count += 1
        self.max_rows = request.get("max_rows", 1000)
        self.dbutils.widgets.parameters = request.get("parameters") or {}
        add_library_paths(request.get("sys_path") or [])
        self.displayed = None
        output = Output()
        sys.stdout = sys.stderr = output
        try:
            discard_pending_interrupts()
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
            try:
                value = self.execute(request["code"], "<command-{0}>".format(self.count))
            finally:
                signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        except NotebookExit as e:
            return {"resultType": "text", "data": e.value, "notebookExit": True}
        except BaseException as e:  # the user's error (KeyboardInterrupt too): an error result
            return error(e, output.text())
        finally:
            sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
        if self.displayed is not None:
            return self.displayed
        pandas = sys.modules.get("pandas")
        if pandas is not None and isinstance(value, pandas.DataFrame):
            return table(value, self.max_rows)
        text = output.text()
        if value is not None:
            text += repr(value)
        return {"resultType": "text", "data": text.rstrip("\n")}

    def execute(self, code, filename):
        # Tracebacks show the cell's lines, as they do for a file.
        linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
        tree = ast.parse(code, filename, "exec")
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            last = ast.Expression(tree.body.pop().value)
        exec(compile(tree, filename, "exec"), self.namespace)
        if last is not None:
            return eval(compile(last, filename, "eval"), self.namespace)
        return None


def error(e, output):
    """An error result: the exception's one line, and the output and traceback without the kernel's frames."""
    tb = e.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
        tb = tb.tb_next
    lines = traceback.format_exception(type(e), e, tb)
    summary = "".join(traceback.format_exception_only(type(e), e)).strip().splitlines()[-1]
    return {"resultType": "error", "summary": summary, "cause": output + "".join(lines)}


LIBRARY_PATHS = []


def add_library_paths(paths):
    """The context's and the cluster's library folders, in their lookup order, after the kernel's own folder."""
    if paths != LIBRARY_PATHS:
        sys.path[:] = [path for path in sys.path if path not in LIBRARY_PATHS]
        sys.path[1:1] = paths
        LIBRARY_PATHS[:] = paths
        importlib.invalidate_caches()


def discard_pending_interrupts():
    """A SIGINT that came after its command ended (or before this one ran its code) is not for this command."""
    while signal.SIGINT in signal.sigpending():
        signal.sigwait({signal.SIGINT})


def answer(message):
    PROTOCOL.write(json.dumps(message) + "\n")
    PROTOCOL.flush()


def main():
    # A process started in the background by a shell inherits SIGINT ignored, and Python then keeps it ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    kernel = Kernel()
    answer({"ready": True})
    while True:
        line = sys.stdin.readline()
        if not line:
            return
        try:
            result = kernel.run(json.loads(line))
        except KeyboardInterrupt:
            result = {"resultType": "error", "summary": "KeyboardInterrupt", "cause": ""}
        answer({"result": result})


if __name__ == "__main__":
    main()
