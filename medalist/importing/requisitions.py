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


def _every_problem(fields: dict[str, str | None]) -> list[tuple[str | None, str]]:
    """Every bad field of a row, not only the first: each one found is set aside and the row
    read again, so a row with two bad fields reports both."""
    problems: list[tuple[str | None, str]] = []
    trial = dict(fields)
    for _ in range(len(fields) + 1):
        try:
            Requisition.from_dict(trial)
        except InvalidInput as error:
            name = field_of(error, "requisition")
            problems.append((name, error.reason))
            if name is None or name not in trial or name in REQUIRED or trial[name] is None:
                break
            trial[name] = None
            continue
        break
    return problems


def read_requisitions(path: Path, shown: str) -> Iterator[Row[Requisition] | BadRow]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        for item in csv_rows(path, shown, REQUIRED):
            if isinstance(item, BadRow):
                yield item
                continue
            line, values = item
            fields = {k: v or None for k, v in values.items()}
            problems = _every_problem(fields)
            if len(problems) == 1:
                yield BadRow(shown, line, *problems[0])
                continue
            if problems:  # one bad row, every bad field named
                reasons = "; ".join(f"field {name!r}: {reason}" for name, reason in problems)
                yield BadRow(shown, line, None, reasons)
                continue
            req = Requisition.from_dict(fields)
            yield Row(shown, line, req.req_id, req)
    elif suffix in (".jsonl", ".ndjson"):
        yield from read_jsonlines(path, shown, Requisition.from_dict, _key, "requisition")
    else:
        raise InvalidInput(f"{shown}: requisitions are read from .csv or .jsonl files")
