#!/usr/bin/env python3
"""Runs one SQL statement on a Spark Connect server and prints its rows as JSON lines.

No PySpark: the gRPC client is generated at run time from the spark/connect/*.proto files inside the
spark-connect jar of the Spark line under test (grpc_tools.protoc into a temporary folder), so the
client always speaks the server's own protocol version.

    python3 connect_sql.py --connect-jar spark-connect_2.12-3.5.7.jar --target 127.0.0.1:15002 \
        --token "$TOKEN" --sql "SELECT 1 + 1"

Each result row is one line holding a JSON array (binary values base64, dates and timestamps ISO 8601,
decimals as numbers, maps as objects); --header prints the column names first, as one more array.
Exit status: 0 on success, 1 with "gRPC <STATUS>: <description>" on stderr when the server refuses
or fails the call, 2 for bad arguments or a missing Python module.

Other tests can import it: generate_stubs(jar, folder) and run_sql(stubs, target, token, sql).
Needs: pip install grpcio grpcio-tools protobuf pyarrow
"""

import argparse
import base64
import datetime
import decimal
import importlib
import json
import os
import sys
import tempfile
import uuid
import zipfile

REQUIRED_MODULES = ("grpc", "grpc_tools", "google.protobuf", "pyarrow")


def check_modules():
    """Names the missing Python modules, or returns an empty list."""
    missing = []
    for name in REQUIRED_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    return missing


def generate_stubs(connect_jar, folder):
    """Generates the Spark Connect protocol's Python modules from the jar's .proto files into folder and
    returns (base_pb2, base_pb2_grpc, relations_pb2, commands_pb2)."""
    from grpc_tools import protoc
    import importlib.resources

    proto_dir = os.path.join(folder, "proto")
    with zipfile.ZipFile(connect_jar) as jar:
        protos = [n for n in jar.namelist() if n.startswith("spark/connect/") and n.endswith(".proto")]
        if not protos:
            raise ValueError("no spark/connect/*.proto in " + connect_jar)
        for name in protos:
            jar.extract(name, proto_dir)
    out_dir = os.path.join(folder, "python")
    os.makedirs(out_dir, exist_ok=True)
    well_known = str(importlib.resources.files("grpc_tools") / "_proto")
    status = protoc.main(["grpc_tools.protoc", "-I" + proto_dir, "-I" + well_known,
                          "--python_out=" + out_dir, "--grpc_python_out=" + out_dir]
                         + [os.path.join(proto_dir, name) for name in protos])
    if status != 0:
        raise RuntimeError("protoc failed with status %d on %s" % (status, connect_jar))
    sys.path.insert(0, out_dir)
    return tuple(importlib.import_module("spark.connect." + module)
                 for module in ("base_pb2", "base_pb2_grpc", "relations_pb2", "commands_pb2"))


def run_sql(stubs, target, token, sql, timeout=300, token_header="authorization"):
    """Executes sql as a SQL relation over ExecutePlan and returns (column names, rows as lists).
    The token goes as 'authorization: Bearer <token>' or, with token_header='x-brickworks-token', as that
    header (what stock PySpark sends for sc://host:port/;x-brickworks-token=<token>).
    Raises grpc.RpcError when the server refuses or fails the call."""
    import grpc
    import pyarrow

    base_pb2, base_pb2_grpc, relations_pb2, _ = stubs
    request = base_pb2.ExecutePlanRequest(
        session_id=str(uuid.uuid4()),
        user_context=base_pb2.UserContext(user_id=os.environ.get("USER", "brickworks")),
        client_type="brickworks-connect-sql",
        plan=base_pb2.Plan(root=relations_pb2.Relation(sql=relations_pb2.SQL(query=sql))))
    metadata = []
    if token:
        metadata.append((token_header, "Bearer " + token if token_header == "authorization" else token))
    columns, rows = None, []
    with grpc.insecure_channel(target, options=[("grpc.max_receive_message_length", 128 << 20)]) as channel:
        for response in base_pb2_grpc.SparkConnectServiceStub(channel).ExecutePlan(
                request, metadata=metadata, timeout=timeout, wait_for_ready=True):
            if response.HasField("schema") and columns is None:
                columns = [field.name for field in response.schema.struct.fields]
            if response.HasField("arrow_batch"):
                table = pyarrow.ipc.open_stream(response.arrow_batch.data).read_all()
                columns = table.column_names
                rows.extend(zip(*(column.to_pylist() for column in table.columns)))
    return columns or [], [list(row) for row in rows]


def to_json(value):
    """json.dumps default: the values Arrow hands back that JSON has no type for."""
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    raise TypeError("cannot print %r as JSON" % (value,))


def plain(value):
    """Arrow maps come as lists of (key, value) tuples: print them as objects."""
    if isinstance(value, list):
        if value and all(isinstance(item, tuple) and len(item) == 2 for item in value):
            return {str(k): plain(v) for k, v in value}
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", required=True, help="host:port of the Spark Connect server")
    parser.add_argument("--token", default=os.environ.get("BRICKWORKS_CONNECT_TOKEN"),
                        help="bearer token (default: $BRICKWORKS_CONNECT_TOKEN; none = send no token)")
    parser.add_argument("--token-header", default="authorization", choices=["authorization", "x-brickworks-token"],
                        help="the metadata that carries the token")
    parser.add_argument("--sql", required=True, help="one SQL statement")
    parser.add_argument("--connect-jar", required=True, help="the server's spark-connect jar (for its .proto files)")
    parser.add_argument("--header", action="store_true", help="print the column names first")
    parser.add_argument("--timeout", type=float, default=300, help="seconds for the whole call")
    args = parser.parse_args(argv)
    missing = check_modules()
    if missing:
        print("missing Python modules %s: pip install grpcio grpcio-tools protobuf pyarrow" % ", ".join(missing),
              file=sys.stderr)
        return 2
    import grpc

    with tempfile.TemporaryDirectory(prefix="connect-stubs-") as folder:
        stubs = generate_stubs(args.connect_jar, folder)
        try:
            columns, rows = run_sql(stubs, args.target, args.token, args.sql, args.timeout,
                                    args.token_header)
        except grpc.RpcError as e:
            print("gRPC %s: %s" % (e.code().name, (e.details() or "").strip()), file=sys.stderr)
            return 1
    if args.header:
        print(json.dumps(columns))
    for row in rows:
        print(json.dumps(plain(row), default=to_json))
    return 0


if __name__ == "__main__":
    sys.exit(main())
