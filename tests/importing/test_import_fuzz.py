"""Hypothesis: whatever bytes an import file holds, the readers yield good or bad rows, or one
InvalidInput for the whole file; never another exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enrichment.errors import InvalidInput
from medalist.importing.files import read_candidates
from medalist.importing.report import BadRow, Row
from medalist.importing.requisitions import read_requisitions

HEADER = b"external_id,full_name,current_title,current_start,skills,orcid\n"
cells = st.text(alphabet=st.characters(codec="utf-8"), max_size=20).map(
    lambda t: t.encode("utf-8")
) | st.binary(max_size=20)
rows = st.lists(st.lists(cells, min_size=1, max_size=7), max_size=8)


def _consume(path: Path, reader: str) -> None:
    try:
        items = list(read_candidates(path) if reader == "c" else read_requisitions(path, str(path)))
    except InvalidInput:
        return
    assert all(isinstance(i, Row | BadRow) for i in items)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=rows,
    delimiter=st.sampled_from([b",", b";", b"\t"]),
    suffix=st.sampled_from([".csv", ".jsonl"]),
)
def test_candidate_readers_survive_anything(
    rows: list[list[bytes]], delimiter: bytes, suffix: str
) -> None:
    body = HEADER.replace(b",", delimiter) + b"".join(delimiter.join(r) + b"\n" for r in rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"c{suffix}"
        path.write_bytes(body)
        _consume(path, "c")


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=400))
def test_readers_survive_random_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for name, reader in (("c.csv", "c"), ("c.jsonl", "c"), ("r.csv", "r")):
            path = Path(folder) / name
            path.write_bytes(data)
            _consume(path, reader)
