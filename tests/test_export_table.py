"""The analyst's tables (events.csv/.parquet, mentions.csv/.parquet) read by pandas and DuckDB
with the declared types, agreeing with the graph's own counts in SPARQL."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg_fixtures import make_kg
from tg_paths import EXPORTS, ROOT
from timelinegraph.export.table import (
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    codebook_text,
    write_events_csv,
    write_events_parquet,
    write_mentions_csv,
)

pd = pytest.importorskip("pandas")
duckdb = pytest.importorskip("duckdb")

# declared type -> what pandas (with Arrow types) and DuckDB call it
PANDAS = {
    "string": "string",
    "integer": "int64",
    "number": "double",
    "boolean": "bool",
    "date": "date32[day]",
}
DUCKDB = {
    "string": "VARCHAR",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
}
TABLES = {"events": EVENT_COLUMNS, "mentions": MENTION_COLUMNS}


@pytest.mark.parametrize("name", TABLES)
def test_pandas_reads_the_declared_types(name: str) -> None:
    frame = pd.read_parquet(EXPORTS / f"{name}.parquet", dtype_backend="pyarrow")
    assert list(frame.columns) == [c.name for c in TABLES[name]]
    for column in TABLES[name]:
        assert str(frame[column.name].dtype.pyarrow_dtype) == PANDAS[column.type], column.name
    assert len(frame) > 0


@pytest.mark.parametrize("name", TABLES)
def test_duckdb_reads_parquet_and_csv_alike(name: str) -> None:
    columns = TABLES[name]
    parquet = duckdb.sql(f"SELECT * FROM '{EXPORTS / name}.parquet'")
    assert [(c, str(t)) for c, t in zip(parquet.columns, parquet.types, strict=True)] == [
        (c.name, DUCKDB[c.type]) for c in columns
    ]
    declared = {c.name: DUCKDB[c.type] for c in columns}
    from_csv = duckdb.sql(
        f"SELECT * FROM read_csv('{EXPORTS / name}.csv', header = true, columns = {declared})"
    )
    # the CSV and the Parquet file hold the same rows (a formula-like text cell aside)
    assert sorted(map(_plain, from_csv.fetchall())) == sorted(map(_plain, parquet.fetchall()))


def _plain(row: tuple) -> tuple:
    return tuple(v.removeprefix("'") if isinstance(v, str) else v for v in row)


def test_table_counts_agree_with_sparql_counts() -> None:
    store = ox.Store()
    store.load(path=str(EXPORTS / "graph.ttl"), format=ox.RdfFormat.TURTLE)

    def count(where: str) -> int:
        query = (
            "PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> "
            "PREFIX tg: <https://w3id.org/timelinegraph/ns#> "
            f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {where} }}"
        )
        [row] = list(store.query(query))
        return int(row["n"].value)

    events = duckdb.sql(f"SELECT * FROM '{EXPORTS}/events.parquet'")
    mentions = duckdb.sql(f"SELECT * FROM '{EXPORTS}/mentions.parquet'")
    assert len(events) == count("?x a sem:Event")
    assert len(mentions) == count("?e a sem:Event ; tg:mention ?x")
    ids = duckdb.sql(f"SELECT agent_ids, target_ids FROM '{EXPORTS}/events.parquet'").fetchall()
    parties = {a for row in ids for cell in row if cell for a in cell.split("; ")}
    assert len(parties) == count("?e a sem:Event . { ?e tg:agent ?x } UNION { ?e tg:target ?x }")
    [per_event] = duckdb.sql(f"SELECT sum(mentions) FROM '{EXPORTS}/events.parquet'").fetchall()
    assert per_event == (len(mentions),)


def test_every_mention_joins_an_event_with_its_sentence_and_offsets() -> None:
    joined = duckdb.sql(
        f'SELECT m.start, m."end", m.text, m.sentence, e.event_id '
        f"FROM '{EXPORTS}/mentions.parquet' m LEFT JOIN '{EXPORTS}/events.parquet' e "
        "USING (event_id)"
    ).fetchall()
    assert joined and all(row[4] is not None for row in joined)
    assert all(row[0] < row[1] and row[2] for row in joined)


def test_seed_rows_read_as_the_article_says() -> None:
    events = pd.read_parquet(EXPORTS / "events.parquet", dtype_backend="pyarrow")
    dead = events[events["headline"] == "Over a dozen children die in Gaza"].iloc[0]
    assert (dead["type"], dead["subtype"], dead["deaths"]) == ("LIFE", "die", 12)
    assert (dead["place_name"], dead["country"]) == ("Gaza", "PS")
    assert dead["latitude"] == pytest.approx(31.5, abs=0.1)
    request = events[events["trigger"] == "requesting"].iloc[0]
    assert (request["actor1_name"], request["actor2_name"]) == ("Hamas", "Israel")
    assert (request["date_precision"], str(request["latest"])) == ("bounds", "2024-03-07")


def test_figures_count_people_not_things() -> None:
    from timelinegraph.export.table import event_rows
    from timelinegraph.models import Quantity

    kg = make_kg()
    event = kg.events[0]
    event.mode, event.lemma = "arrest", "arrest"
    event.quantities = [
        Quantity(value=6, unit="rifle", text="six rifles", start=0, end=10),
        Quantity(value=5, unit="building", text="five buildings", start=0, end=14),
        Quantity(value=23, unit="pirate", text="23 pirates", start=0, end=10),
    ]
    row = next(event_rows(kg))
    assert (row["arrested"], row["deaths"]) == (23, None)
    assert row["figures"] == "six rifles; five buildings; 23 pirates"


def test_csv_cells_never_run_as_spreadsheet_formulas(tmp_path: Path) -> None:
    kg = make_kg()
    kg.events[0].headline = '=HYPERLINK("http://evil.example","click")'
    csv_path = write_events_csv(kg, tmp_path / "events.csv")
    with csv_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["headline"] == "'" + kg.events[0].headline
    parquet = pd.read_parquet(write_events_parquet(kg, tmp_path / "events.parquet"))
    assert parquet["headline"][0] == kg.events[0].headline  # the data itself, unchanged


def test_the_same_graph_gives_the_same_bytes(tmp_path: Path) -> None:
    kg = make_kg()
    for write, name in ((write_events_parquet, "e.parquet"), (write_mentions_csv, "m.csv")):
        first = write(kg, tmp_path / f"1-{name}").read_bytes()
        assert write(kg, tmp_path / f"2-{name}").read_bytes() == first


def test_the_codebook_in_schemas_is_the_one_the_code_declares() -> None:
    path = ROOT / "schemas" / "table.json"
    assert path.read_text(encoding="utf-8") == codebook_text(), (
        "regenerate: python -m timelinegraph.export.table > schemas/table.json"
    )
    fields = json.loads(codebook_text())["resources"][0]["schema"]["fields"]
    assert all(f["description"] for f in fields)


def test_parquet_in_row_groups_holds_the_same_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a large table is written a row group at a time (never whole in memory): the rows read
    # back must be those of one group, in order
    from timelinegraph.export import table

    pq = pytest.importorskip("pyarrow.parquet")
    kg = make_kg()
    whole = pq.read_table(write_events_parquet(kg, tmp_path / "whole.parquet"))
    monkeypatch.setattr(table, "ROW_GROUP", 2)
    grouped_file = pq.ParquetFile(write_events_parquet(kg, tmp_path / "groups.parquet"))
    assert grouped_file.num_row_groups == -(-whole.num_rows // 2) > 1
    assert grouped_file.read().equals(whole)
    assert grouped_file.schema_arrow.equals(whole.schema)
