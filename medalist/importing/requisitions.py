"""Requisitions from CSV or JSON Lines (contract section 4).

Columns / keys: ``req_id, title, level`` (optional: classified from the title when absent),
``min_years, skills`` (``;``-separated in CSV), ``location, status`` (``open`` or ``closed``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from enrichment.errors import InvalidInput
from enrichment.model import Requisition
from medalist.importing._csvrows import csv_rows
from medalist.importing.jsonlines import field_of, read_jsonlines
from medalist.importing.report import BadRow, Row

REQUIRED = ("req_id", "title")


def _key(req: Requisition) -> str:
    return req.req_id


def read_requisitions(path: Path, shown: str) -> Iterator[Row[Requisition] | BadRow]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        for item in csv_rows(path, shown, REQUIRED):
            if isinstance(item, BadRow):
                yield item
                continue
            line, values = item
            try:
                req = Requisition.from_dict({k: v or None for k, v in values.items()})
            except InvalidInput as error:
                yield BadRow(shown, line, field_of(error, "requisition"), error.reason)
                continue
            yield Row(shown, line, req.req_id, req)
    elif suffix in (".jsonl", ".ndjson"):
        yield from read_jsonlines(path, shown, Requisition.from_dict, _key, "requisition")
    else:
        raise InvalidInput(f"{shown}: requisitions are read from .csv or .jsonl files")
