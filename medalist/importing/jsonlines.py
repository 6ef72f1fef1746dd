"""JSON Lines: one object a line, read as a stream (line numbers count from 1)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from enrichment.errors import InvalidInput
from enrichment.protocol import without_nul
from medalist.importing.decoding import decode
from medalist.importing.report import BadRow, Notice, Row

T = TypeVar("T")


def field_of(error: InvalidInput, record: str) -> str | None:
    """``positions[0].start`` from an error raised with ``where="candidate: positions[0]"``."""
    where = (error.where or "").removeprefix(record).lstrip(": ").strip()
    parts = [p for p in (where, error.field) if p]
    return ".".join(parts) or None


def read_jsonlines(
    path: Path,
    shown: str,
    build: Callable[[dict[str, Any]], T],
    key: Callable[[T], str],
    record: str,
) -> Iterator[Row[T] | BadRow]:
    """Each line through ``build`` (which raises :class:`InvalidInput` naming the field)."""
    text = decode(path)
    for number, reason in sorted(text.bad_lines.items()):
        yield BadRow(shown, number, None, reason)
    for number in text.nul_lines:
        yield Notice(shown, number, None, "NUL bytes removed (no text needs them)")
    for number, line in enumerate(text.lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            yield BadRow(shown, number, None, f"not valid JSON: {error.msg} (column {error.colno})")
            continue
        if not isinstance(data, dict):
            yield BadRow(shown, number, None, "expected a JSON object")
            continue
        if "\\u0000" in line:
            cleaned = without_nul(data)
            if cleaned != data:
                yield Notice(shown, number, None, "NUL characters removed (no text needs them)")
                data = cleaned
        try:
            value = build(data)
        except InvalidInput as error:
            yield BadRow(shown, number, field_of(error, record), error.reason)
            continue
        yield Row(shown, number, key(value), value)
