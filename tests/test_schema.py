"""The schema module, the stored table and docs/schema.md say the same thing."""

from __future__ import annotations

import re

import pyarrow.parquet as pq

from blocwatch.schema import EVENT_COLUMNS, INGEST_COLUMNS, QUARANTINE_COLUMNS, event_arrow_schema
from tests.helpers import REPO


def documented(section: str) -> list[str]:
    text = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    body = text.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z_0-9]+)` \|", body, flags=re.M)


def test_docs_list_every_column_in_order():
    assert documented("events") == [c.name for c in EVENT_COLUMNS]
    assert documented("quarantine") == [c.name for c in QUARANTINE_COLUMNS]
    assert documented("ingests") == [c.name for c in INGEST_COLUMNS]


def test_docs_describe_columns_as_the_code_does():
    text = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    for section, columns in (("events", EVENT_COLUMNS), ("quarantine", QUARANTINE_COLUMNS),
                             ("ingests", INGEST_COLUMNS)):
        body = text.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
        rows = dict(re.findall(r"^\| `([a-z_0-9]+)` \| [^|]+ \| [^|]+ \| (.*) \|$", body, flags=re.M))
        for c in columns:
            assert rows[c.name] == c.description, (section, c.name)


def test_events_round_trip_through_parquet(store, write, tmp_path):
    from blocwatch.ingest import ingest_files
    from tests.helpers import gdelt_row

    ingest_files(store, [write("a.CSV", gdelt_row() + "\n")], "gdelt")
    out = tmp_path / "events.parquet"
    store.con.execute(f"COPY events TO '{out}' (FORMAT parquet)")
    table = pq.read_table(out)
    assert table.schema.names == event_arrow_schema().names
    for field in event_arrow_schema():
        assert table.schema.field(field.name).type == field.type, field.name
    assert table.num_rows == 1
