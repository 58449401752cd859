"""The seed build loaded into a real Virtuoso (Debian virtuoso-opensource) through the Graph
Store Protocol: same triple count as Oxigraph and the export, and the same answers."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from tg_paths import EXPORTS
from timelinegraph.cli import app
from timelinegraph.store import (
    DEFAULT_GRAPH,
    Endpoint,
    endpoint_from,
    example_names,
    load_into_endpoint,
    load_into_store,
)
from timelinegraph.store.endpoint import get_graph

VIRTUOSO = shutil.which("virtuoso-t")
pytestmark = [
    pytest.mark.slow,  # starts Virtuoso
    pytest.mark.skipif(
        VIRTUOSO is None, reason="virtuoso-t not installed (apt install virtuoso-opensource)"
    ),
]
runner = CliRunner()
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{DEFAULT_GRAPH}> {{ ?s ?p ?o }} }}"
EXPORT_TRIPLES = set(ox.parse(path=str(EXPORTS / "graph.ttl"), format=ox.RdfFormat.TURTLE))

# A fresh database in a temporary folder; only what differs from Virtuoso's defaults.
INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 0
DirsAllowed = .
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerThreads = 4
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answering(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/sparql?query=ASK%7B%7D", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Virtuoso server on free 127.0.0.1 ports; its base URL. Stopped (killed if need be)."""
    db = tmp_path_factory.mktemp("virtuoso")
    http_port, sql_port = free_port(), free_port()
    ini = db / "virtuoso.ini"
    ini.write_text(INI.format(db=db, sql_port=sql_port, http_port=http_port), encoding="utf-8")
    log = (db / "server.out").open("wb")
    server = subprocess.Popen(
        [VIRTUOSO, "+foreground", "+configfile", str(ini)],
        cwd=db,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{http_port}"
    started = time.perf_counter()
    try:
        while not answering(url):
            if server.poll() is not None or time.perf_counter() - started > 60:
                tail = (db / "server.out").read_text(errors="replace")[-1500:]
                pytest.fail(f"virtuoso-t did not start (exit {server.returncode}):\n{tail}")
            time.sleep(0.1)
        print(f"virtuoso-t answered after {time.perf_counter() - started:.1f} s")
        yield url
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


@pytest.fixture(scope="module")
def oxigraph_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("oxigraph") / "store"
    load_into_store(EXPORTS, folder)
    return folder


@pytest.fixture
def loaded(virtuoso: str) -> Endpoint:
    """The Graph Store endpoint, holding the seed build (loaded again: loads are idempotent)."""
    endpoint = endpoint_from(f"{virtuoso}/sparql-graph-crud-auth", "dba", "dba")
    load_into_endpoint(EXPORTS, endpoint)
    return endpoint


def sparql_count(virtuoso: str) -> int:
    result = runner.invoke(app, ["query", "--endpoint", f"{virtuoso}/sparql", COUNT, "-f", "csv"])
    assert result.exit_code == 0, result.output
    return int(result.stdout.split()[1])


def test_load_into_virtuoso_counts_like_oxigraph(virtuoso: str, oxigraph_store: Path) -> None:
    crud = f"{virtuoso}/sparql-graph-crud-auth"
    load = ["load", str(EXPORTS), "--endpoint", crud, "--user", "dba", "--password", "dba"]
    result = runner.invoke(app, load)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Loaded {len(EXPORT_TRIPLES):,} triples from ")
    assert f"into {crud} (graph <{DEFAULT_GRAPH}>)" in result.stdout
    oxigraph = runner.invoke(app, ["query", "--store", str(oxigraph_store), COUNT, "-f", "csv"])
    assert sparql_count(virtuoso) == int(oxigraph.stdout.split()[1]) == len(EXPORT_TRIPLES)
    # reloading (credentials from the environment this time) replaces, never duplicates
    env = {"TIMELINEGRAPH_ENDPOINT_USER": "dba", "TIMELINEGRAPH_ENDPOINT_PASSWORD": "dba"}
    again = runner.invoke(app, load[:4], env=env)
    assert again.exit_code == 0, again.output
    assert sparql_count(virtuoso) == len(EXPORT_TRIPLES)


@pytest.mark.parametrize("name", example_names())
def test_examples_answer_the_same_in_virtuoso(
    virtuoso: str, loaded: Endpoint, oxigraph_store: Path, name: str
) -> None:
    query = ["query", "--example", name, "-f", "csv"]
    ours = runner.invoke(app, [*query, "--store", str(oxigraph_store)])
    theirs = runner.invoke(app, [*query, "--endpoint", f"{virtuoso}/sparql"])
    assert theirs.exit_code == 0, theirs.output
    assert len(ours.stdout.splitlines()) > 1
    if name == "events-between":  # GROUP_CONCAT's order is the store's choice
        assert _sorted_lists(theirs.stdout) == _sorted_lists(ours.stdout)
    else:
        assert theirs.stdout == ours.stdout


def _sorted_lists(csv_text: str) -> list[list[str]]:
    return [sorted(line.replace('"', "").split(", ")) for line in csv_text.splitlines()]


def test_virtuoso_keeps_every_triple_but_rewrites_decimals(loaded: Endpoint) -> None:
    """What Virtuoso gives back is our graph, except xsd:decimal in its canonical form and
    geo:wktLiteral points turned into its own virtrdf:Geometry (single precision floats)."""
    stored = get_graph(loaded, DEFAULT_GRAPH)
    assert len(stored) == len(EXPORT_TRIPLES)
    changed, added = EXPORT_TRIPLES - stored, stored - EXPORT_TRIPLES
    decimal = "http://www.w3.org/2001/XMLSchema#decimal"
    wkt = "http://www.opengis.net/ont/geosparql#wktLiteral"
    assert {str(t.object.datatype.value) for t in changed} == {decimal, wkt}
    values = {
        (t.subject, t.predicate, float(t.object.value)) for t in changed if _typed(t, decimal)
    }
    assert values == {
        (t.subject, t.predicate, float(t.object.value)) for t in added if _typed(t, decimal)
    }
    points = {(t.subject, t.predicate): _point(t.object.value) for t in changed if _typed(t, wkt)}
    geometry = "http://www.openlinksw.com/schemas/virtrdf#Geometry"
    stored_points = {
        (t.subject, t.predicate): _point(t.object.value) for t in added if _typed(t, geometry)
    }
    assert points.keys() == stored_points.keys() and points
    for key, (lng, lat) in points.items():
        assert stored_points[key] == pytest.approx((lng, lat), abs=1e-5)


def _typed(triple: Any, datatype: str) -> bool:
    return (
        str(getattr(triple.object, "datatype", None) and triple.object.datatype.value) == datatype
    )


def _point(wkt: str) -> tuple[float, float]:
    lng, lat = wkt.removeprefix("POINT(").removesuffix(")").split()
    return float(lng), float(lat)


def test_wrong_password_is_one_line_without_the_password(virtuoso: str) -> None:
    crud = f"{virtuoso}/sparql-graph-crud-auth"
    result = runner.invoke(
        app, ["load", str(EXPORTS), "--endpoint", crud, "--user", "dba", "--password", "wr0ng-pw"]
    )
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"error: {crud}: HTTP 401")
    assert result.stderr.count("\n") == 1 and "wr0ng-pw" not in result.stderr
