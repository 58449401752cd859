"""--executor dask: extraction on a real Dask cluster (a LocalCluster of two worker processes)
gives the same bytes as a local build, uses the cache, and fails in one line when it cannot."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tg_paths import ROOT, SEEDS
from timelinegraph.cli import app

pytestmark = pytest.mark.slow  # starts a Dask cluster

distributed = pytest.importorskip(
    "distributed", reason='distributed not installed (pip install "timelinegraph[dask]")'
)
cloudpickle = pytest.importorskip("cloudpickle", reason="cloudpickle not installed (dask's)")

ALL_FORMATS = "turtle,graphml,gexf,timeline,report,html,ntriples,jsonld,trig"

# Short news texts in the manner of MEANTIME (Wikinews) and ECB+ articles.
TEXTS = {
    "airbus.txt": "date 2013-01-16\n\nTOULOUSE—Airbus said on Wednesday it delivered 588 "
    "aircraft in 2012, a record, and expects to deliver about 600 this year. Chief executive "
    "Fabrice Bregier told reporters in Toulouse that orders had more than doubled.\n",
    "quake.txt": "date 2008-06-14\n\nTOKYO (AP) — A powerful earthquake struck northern Japan "
    "on Saturday, killing at least six people and injuring more than 100, officials said. "
    "The magnitude 7.2 quake hit Iwate prefecture at 8:43 a.m.\n",
    "arrest.txt": "date 2011-08-09\n\nLONDON—Police arrested 334 people in London overnight as "
    "riots spread to other English cities, Scotland Yard said on Tuesday. Prime Minister "
    "David Cameron returned from holiday in Italy and recalled Parliament.\n",
    "merger.txt": "date 2007-10-05\n\nGoogle agreed on Friday to buy the online advertising "
    "company DoubleClick for $3.1 billion, the company said. Regulators in Brussels will "
    "review the deal next month.\n",
}


def _corpus(folder: Path) -> Path:
    """The seed, four short articles and three dated copies of the seed's story (8 articles)."""
    folder.mkdir(parents=True)
    seed = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    (folder / "seed.txt").write_text(seed, encoding="utf-8")
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    body = seed.split("2024-03-07", 1)[1]
    rows = [{"id": f"copy-{i}", "date": f"2024-03-0{i + 1}", "text": body} for i in range(3)]
    (folder / "copies.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return folder


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONHASHSEED": "0", **(env or {})}
    command = [sys.executable, "-m", "timelinegraph", *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address="127.0.0.1:0",
        host="127.0.0.1",
    ) as local:
        yield local


@pytest.fixture(scope="module")
def client(cluster):
    # the test module's helpers run on the workers, which cannot import this file by name
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as dask_client:
        yield dask_client
    cloudpickle.unregister_pickle_by_value(sys.modules[__name__])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return _corpus(tmp_path_factory.mktemp("dask") / "in")


@pytest.fixture(scope="module")
def local_exports(corpus, tmp_path_factory):
    """The corpus built here, in one process, with every format: what the cluster must give."""
    out = tmp_path_factory.mktemp("local")
    result = _cli("build", str(corpus), "-o", str(out), "-q", "--no-cache", "-f", ALL_FORMATS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Built 8 articles (0 skipped): ")
    files = _files(out)
    assert len(files) == 9
    return result.stdout.split(" in ")[0], files


def test_dask_build_is_byte_identical_to_a_local_build(cluster, corpus, local_exports, tmp_path):
    line, files = local_exports
    dask = _cli(
        "build", str(corpus), "-o", str(tmp_path), "-q", "--no-cache", "-f", ALL_FORMATS,
        "--executor", "dask", "--scheduler", cluster.scheduler_address,
    )  # fmt: skip
    assert dask.returncode == 0, dask.stderr
    assert dask.stdout.split(" in ")[0] == line
    assert _files(tmp_path) == files


def test_only_uncached_articles_go_to_the_cluster(cluster, corpus, local_exports, tmp_path):
    cache = tmp_path / "cache"
    part = _corpus(tmp_path / "part")
    for name in ("quake.txt", "merger.txt"):
        (part / name).unlink()
    first = _cli("build", str(part), "-o", str(tmp_path / "first"), "-q", "--cache-dir", str(cache))
    assert first.returncode == 0, first.stderr
    dask = _cli(
        "build", str(corpus), "-o", str(tmp_path / "dask"), "-q", "-f", ALL_FORMATS,
        "--cache-dir", str(cache), "--executor", "dask", "--scheduler", cluster.scheduler_address,
    )  # fmt: skip
    assert dask.returncode == 0, dask.stderr
    assert "(2 extracted, 6 from cache)" in dask.stdout
    assert _files(tmp_path / "dask") == local_exports[1]


def test_merge_tasks_send_their_data_beside_the_task_graph(
    cluster, corpus, local_exports, tmp_path
):
    cache = tmp_path / "cache"
    warm = _cli("build", str(corpus), "-o", str(tmp_path / "warm"), "-q", "--cache-dir", str(cache))
    assert warm.returncode == 0, warm.stderr
    # every article cached, so the cluster only merges; Dask warns of a task graph over 1 kB
    # (a merge task's stored extractions are more), as it does of one over 10 MB by default
    dask = _cli(
        "build", str(corpus), "-o", str(tmp_path / "dask"), "-q", "-f", ALL_FORMATS,
        "--cache-dir", str(cache), "--executor", "dask", "--scheduler", cluster.scheduler_address,
        env={"DASK_DISTRIBUTED__ADMIN__LARGE_GRAPH_WARNING_THRESHOLD": "1kB"},
    )  # fmt: skip
    assert dask.returncode == 0, dask.stderr
    assert "(0 extracted, 8 from cache)" in dask.stdout
    assert "Sending large graph" not in dask.stderr
    assert _files(tmp_path / "dask") == local_exports[1]


# ------------------------------------------------------------------------------ error lines


def _build_error(*args: str) -> str:
    """Run ``build`` in this process; it must fail with exit 2 and one line, no traceback."""
    result = CliRunner().invoke(app, ["build", *args])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    return lines[0]


def test_option_errors(tmp_path):
    out = str(tmp_path / "out")
    seeds = str(SEEDS)
    assert _build_error(seeds, "-o", out, "--scheduler", "tcp://127.0.0.1:8786") == (
        "error: --scheduler needs --executor dask"
    )
    assert _build_error(seeds, "-o", out, "--executor", "dask").startswith(
        "error: --executor dask needs --scheduler ADDRESS"
    )
    assert _build_error(seeds, "-o", out, "--executor", "spark") == (
        "error: unknown executor 'spark' (valid: local, dask)"
    )
    line = _build_error(
        seeds, "-o", out, "--executor", "dask", "--scheduler", "tcp://h:1", "-j", "2"
    )
    assert line.startswith("error: --jobs applies to --executor local")
    assert _build_error(seeds, "-o", out, "--executor", "dask", "--scheduler", "foo") == (
        "error: --scheduler 'foo' is not a Dask address (missing port number in address 'foo'); "
        "e.g. tcp://10.0.0.5:8786"
    )


def test_distributed_not_installed(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # what `import distributed` sees then
    line = _build_error(
        str(SEEDS), "-o", str(tmp_path), "--executor", "dask", "--scheduler", "tcp://127.0.0.1:8786"
    )
    assert line == (
        'error: --executor dask needs the distributed package: pip install "timelinegraph[dask]"'
    )


def test_unreachable_scheduler(tmp_path):
    with socket.socket() as probe:  # a free port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    line = _build_error(
        str(SEEDS),
        "-o",
        str(tmp_path),
        "-q",
        "--no-cache",
        "--executor",
        "dask",
        "--scheduler",
        f"tcp://127.0.0.1:{port}",
        "--scheduler-timeout",
        "1",
    )
    assert line.startswith(f"error: cannot reach the Dask scheduler at tcp://127.0.0.1:{port}: ")


def test_scheduler_without_workers(tmp_path):
    with distributed.LocalCluster(
        n_workers=0,
        processes=False,
        protocol="tcp://",
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
    ) as empty:
        address = empty.scheduler_address
        line = _build_error(
            str(SEEDS), "-o", str(tmp_path), "-q", "--no-cache", "--executor", "dask",
            "--scheduler", address, "--scheduler-timeout", "1",
        )  # fmt: skip
    assert line == f"error: no Dask worker joined the scheduler at {address} within 1 s"


def _dask_build_error(client, corpus: Path, out: Path) -> str:
    """The error line of a build of ``corpus`` on ``client``'s cluster (one that must fail)."""
    address = client.scheduler.address
    args = ["-o", str(out), "-q", "--no-cache", "--executor", "dask", "--scheduler", address]
    return _build_error(str(corpus), *args)


def _pretend_version(version: str | None) -> None:
    """On a worker: report another timelinegraph version (None: the real one again)."""
    import timelinegraph
    from timelinegraph.cache.keys import extractor_version
    from timelinegraph.executors import worker_identity

    saved = vars(timelinegraph).setdefault("_real_version", timelinegraph.__version__)
    timelinegraph.__version__ = version or saved
    extractor_version.cache_clear()  # its digest includes the version
    worker_identity.cache_clear()


def test_worker_with_another_version(client, corpus, tmp_path):
    client.run(_pretend_version, "0.0.1")
    try:
        line = _dask_build_error(client, corpus, tmp_path)
    finally:
        client.run(_pretend_version, None)
    assert line.startswith("error: Dask worker tcp://127.0.0.1:")
    assert "timelinegraph is '0.0.1' there but " in line
    assert line.endswith("install the same timelinegraph and model on every worker")


def _break_extraction(article_id: str | None) -> None:
    """On a worker: make extraction raise on ``article_id`` (None: repair it); a stand-in
    for a bug no input found yet."""
    import timelinegraph.extract as ex

    real = vars(ex).setdefault("_real_extract_doc", ex.extract_doc)
    if article_id is None:
        ex.extract_doc = real
        return

    def broken(article, doc):
        if article.id == article_id:
            raise RuntimeError("injected fault")
        return real(article, doc)

    ex.extract_doc = broken


def test_a_failing_article_is_reported_and_the_rest_build(client, corpus, tmp_path):
    client.run(_break_extraction, "copy-1")
    try:
        result = CliRunner().invoke(
            app,
            [
                "build", str(corpus), "-o", str(tmp_path), "-q", "--no-cache",
                "--executor", "dask", "--scheduler", client.scheduler.address,
            ],
        )  # fmt: skip
    finally:
        client.run(_break_extraction, None)
    assert result.exit_code == 1, result.output  # built, some articles skipped
    assert "Traceback" not in result.output
    [line] = [x for x in result.output.splitlines() if x.startswith("skipped ")]
    assert line.startswith("skipped in/copies.jsonl (id copy-1): extraction failed (RuntimeError")
    assert "injected fault" in line and "This is a bug in timelinegraph" in line
    assert "Built 7 articles (1 skipped)" in result.output
    assert (tmp_path / "graph.ttl").exists()
