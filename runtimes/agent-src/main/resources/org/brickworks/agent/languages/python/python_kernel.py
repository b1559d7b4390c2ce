"""The Python interpreter of a Brickworks execution context.

The driver agent starts one per Python context and talks to it over the process's standard input
and a private copy of its standard output: one JSON request a line
({"code", "max_rows", "parameters", "command_id"}) and one JSON answer a line ({"result": ...},
a Command Execution API 1.2 result). While a command runs, `dbutils` asks the agent for calls: the
kernel writes {"call": "fs.ls", "args": {...}} on the protocol stream and reads the agent's answer,
{"value": ...} or {"error": {"type", "message"}}, from standard input. File descriptor 1 itself is
pointed at standard error, so what a subprocess prints goes to the driver's log instead of breaking
the protocol. SIGINT
interrupts the running command (the agent sends it on cancel); it is blocked between commands, so
a late one never loses a request or hits the next command.

Cells see `spark` (a Spark Connect session on the cluster when PySpark is installed, else an
object whose every use raises a clear error), `dbutils` and `display`. A request's "sys_path" lists the
library folders the context sees (notebook-scoped first, then the cluster's): new ones go on sys.path before the
command runs.
"""

import ast
import base64
import collections
import importlib
import io
import json
import linecache
import os
import signal
import sys
import traceback

PROTOCOL = os.fdopen(os.dup(1), "w", encoding="utf-8")
REQUESTS = sys.stdin
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


class ExecutionError(Exception):
    """A dbutils call that failed in the driver: the message starts with the Java exception's class."""


def call(function, /, **args):
    """Asks the agent to run a dbutils call on the context's thread, during the command, and waits for its answer."""
    PROTOCOL.write(json.dumps({"call": function, "args": args}) + "\n")
    PROTOCOL.flush()
    line = REQUESTS.readline()
    if not line:
        raise SystemExit(0)
    reply = json.loads(line)
    if "error" in reply:
        raise ExecutionError("{0}: {1}".format(reply["error"]["type"], reply["error"]["message"]))
    return reply.get("value")


class FileInfo(collections.namedtuple("FileInfo", "path name size modificationTime")):
    def isDir(self):
        return self.name.endswith("/")

    def isFile(self):
        return not self.isDir()


MountInfo = collections.namedtuple("MountInfo", "mountPoint source")
SecretMetadata = collections.namedtuple("SecretMetadata", "key")
SecretScope = collections.namedtuple("SecretScope", "name")


class Module:
    """A part of dbutils (dbutils itself: NAME ""); its help is the agent's, the same as in Scala cells."""
    NAME = ""

    def help(self, method=""):
        print(call("help", module=self.NAME, method=str(method or "")))


class Widgets(Module):
    """dbutils.widgets: the context's widgets, shared with its Scala cells."""
    NAME = "widgets"

    def text(self, name, defaultValue="", label=None):
        call("widgets.text", name=name, defaultValue="" if defaultValue is None else str(defaultValue))

    def dropdown(self, name, defaultValue, choices, label=None):
        call("widgets.dropdown", name=name, defaultValue=defaultValue, choices=[str(c) for c in choices])

    combobox = dropdown

    def get(self, name):
        return call("widgets.get", name=name)

    def getArgument(self, name, defaultValue=None):
        return call("widgets.getArgument", name=name, defaultValue=defaultValue)

    def remove(self, name):
        call("widgets.remove", name=name)

    def removeAll(self):
        call("widgets.removeAll")


class Notebook(Module):
    NAME = "notebook"

    def exit(self, value):
        raise NotebookExit(str(value))

    def run(self, path, timeout_seconds=0, arguments=None):
        """Runs another notebook as a child run on this cluster; returns its dbutils.notebook.exit value."""
        return call("notebook.run", path=path, timeoutSeconds=int(timeout_seconds),
                    arguments={str(k): str(v) for k, v in (arguments or {}).items()})


class Fs(Module):
    """dbutils.fs: the driver's file systems (a path without scheme is on DBFS)."""
    NAME = "fs"

    def ls(self, path="/"):
        return [FileInfo(**info) for info in call("fs.ls", path=path)]

    def head(self, file, maxBytes=65536):
        return call("fs.head", path=file, maxBytes=int(maxBytes))

    def put(self, file, contents, overwrite=False):
        return call("fs.put", path=file, contents=contents, overwrite=bool(overwrite))

    def cp(self, from_, to, recurse=False):
        return call("fs.cp", **{"from": from_, "to": to, "recurse": bool(recurse)})

    def mv(self, from_, to, recurse=False):
        return call("fs.mv", **{"from": from_, "to": to, "recurse": bool(recurse)})

    def rm(self, dir, recurse=False):
        return call("fs.rm", path=dir, recurse=bool(recurse))

    def mkdirs(self, dir):
        return call("fs.mkdirs", path=dir)

    def mounts(self):
        return [MountInfo(**info) for info in call("fs.mounts")]

    def mount(self, source, mount_point, encryption_type="", owner=None, extra_configs=None):
        """A platform mount (every cluster sees it); extra_configs are the storage's settings, credentials among them."""
        return call("fs.mount", source=source, mountPoint=mount_point,
                    extraConfigs={str(k): str(v) for k, v in (extra_configs or {}).items()})

    def unmount(self, mount_point):
        return call("fs.unmount", mountPoint=mount_point)


class TaskValues(Module):
    """dbutils.jobs.taskValues: values a job task sets for the later tasks of its run."""
    NAME = "jobs.taskValues"

    def set(self, key, value):
        """Sets a task value; value must be representable as JSON. Outside a job run nothing is set."""
        call("jobs.taskValues.set", key=key, value=json.dumps(value))

    def get(self, taskKey, key, default=None, debugValue=None):
        """The value task taskKey of this job run set as key; default when it set none; debugValue outside a job."""
        answer = call("jobs.taskValues.get", taskKey=taskKey, key=key)
        if not answer["inJob"]:
            if debugValue is None:
                raise TypeError("Must pass debugValue when calling get outside of a job context."
                                " debugValue cannot be None.")
            return debugValue
        if answer["value"] is None:
            if default is None:
                raise ValueError("Task {0} set no value {1} in this job run".format(taskKey, key))
            return default
        return json.loads(answer["value"])


class Secrets(Module):
    """dbutils.secrets: the platform's secret scopes, with the rights of the user who owns this context."""
    NAME = "secrets"

    def getBytes(self, scope, key):
        return base64.b64decode(call("secrets.getBytes", scope=scope, key=key))

    def get(self, scope, key):
        return self.getBytes(scope, key).decode("utf-8")

    def list(self, scope):
        return [SecretMetadata(key) for key in call("secrets.list", scope=scope)]

    def listScopes(self):
        return [SecretScope(name) for name in call("secrets.listScopes")]


class Jobs(Module):
    NAME = "jobs"

    def __init__(self):
        self.taskValues = TaskValues()


class DBUtils(Module):
    def __init__(self):
        self.widgets, self.notebook, self.fs, self.jobs = Widgets(), Notebook(), Fs(), Jobs()
        self.secrets = Secrets()


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
    return {"resultType": "table", "schema": schema, "data": rows, "truncated": len(frame) > max_rows}


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
    report = traceback.TracebackException(type(e), e, e.__traceback__)
    report.stack = traceback.StackSummary.from_list([f for f in report.stack if f.filename != __file__])
    lines = list(report.format())
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
        request = json.loads(line)
        if "code" not in request:
            continue  # the answer to a dbutils call whose command was interrupted while it waited
        try:
            result = kernel.run(request)
        except KeyboardInterrupt:
            result = {"resultType": "error", "summary": "KeyboardInterrupt", "cause": ""}
        answer({"result": result})


if __name__ == "__main__":
    main()
