"""Check a build's analyst tables against its graph: types as declared, counts as in SPARQL.

Not a test (the tests do this on the seed): run it on a large build and quote the figures.

    .venv/bin/python benchmarks/table_counts.py /tmp/t1000
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import duckdb
import pandas as pd
import pyoxigraph as ox

from timelinegraph.export.table import EVENT_COLUMNS, MENTION_COLUMNS

ARROW = {"string": "string", "integer": "int64", "number": "double", "boolean": "bool",
         "date": "date32[day]"}  # fmt: skip
DUCK = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN",
        "date": "DATE"}  # fmt: skip
PREFIXES = (
    "PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> "
    "PREFIX tg: <https://w3id.org/timelinegraph/ns#> "
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("exports", type=Path)
    out = parser.parse_args().exports
    for name, columns in (("events", EVENT_COLUMNS), ("mentions", MENTION_COLUMNS)):
        started = time.perf_counter()
        frame = pd.read_parquet(out / f"{name}.parquet", dtype_backend="pyarrow")
        wrong = [c.name for c in columns if str(frame[c.name].dtype.pyarrow_dtype) != ARROW[c.type]]
        seconds = time.perf_counter() - started
        declared = {c.name: DUCK[c.type] for c in columns}
        rel = duckdb.sql(f"SELECT * FROM read_csv('{out / name}.csv', columns = {declared})")
        duck_wrong = [
            c for c, t in zip(rel.columns, rel.types, strict=True) if str(t) != declared[c]
        ]
        [(csv_rows,)] = duckdb.sql(
            f"SELECT count(*) FROM read_csv('{out / name}.csv', columns = {declared})"
        ).fetchall()
        print(
            f"{name}: {len(frame)} rows; pandas types wrong: {wrong or 'none'} "
            f"({seconds:.2f} s); DuckDB CSV rows {csv_rows}, types wrong: {duck_wrong or 'none'}"
        )
    store = ox.Store()
    store.bulk_load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)

    def count(where: str) -> int:
        [row] = list(
            store.query(f"{PREFIXES} SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {where} }}")
        )
        return int(row["n"].value)

    events = duckdb.sql(f"SELECT count(*), sum(mentions) FROM '{out}/events.parquet'").fetchall()[0]
    ids = duckdb.sql(f"SELECT agent_ids, target_ids FROM '{out}/events.parquet'").fetchall()
    parties = {a for row in ids for cell in row if cell for a in cell.split("; ")}
    [(mentions,)] = duckdb.sql(f"SELECT count(*) FROM '{out}/mentions.parquet'").fetchall()
    print(f"events: table {events[0]}, SPARQL {count('?x a sem:Event')}")
    print(f"mentions: table {mentions} (sum of events.mentions {events[1]}), "
          f"SPARQL {count('?e a sem:Event ; tg:mention ?x')}")  # fmt: skip
    print(
        f"actors taking part: table {len(parties)}, "
        f"SPARQL {count('?e a sem:Event . { ?e tg:agent ?x } UNION { ?e tg:target ?x }')}"
    )


if __name__ == "__main__":
    main()
