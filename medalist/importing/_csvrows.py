"""CSV rows with their line numbers (line 1 is the header), in any encoding and delimiter
(:mod:`medalist.importing.decoding`); undecodable lines are bad rows of their own."""

from __future__ import annotations

import csv
import difflib
from collections.abc import Iterator
from pathlib import Path

from enrichment.errors import InvalidInput
from medalist.importing.decoding import decode, numbered, sniff_delimiter
from medalist.importing.report import BadRow, Notice

#: Fields longer than this are refused by the csv module; ATS notes can be long.
FIELD_SIZE_LIMIT = 16 * 1024 * 1024


def _header_notices(shown: str, columns: list[str], known: tuple[str, ...]) -> Iterator[Notice]:
    """Warnings for a repeated column (its last value would win) and, when ``known`` is given,
    for a column medalist does not read, with the nearest known name."""
    seen: set[str] = set()
    for column in columns:
        if column in seen:
            yield Notice(shown, 1, column, "the column appears twice; the last one is used")
        seen.add(column)
        if known and column and column not in known:
            near = difflib.get_close_matches(column, known, n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            yield Notice(shown, 1, column, f"unknown column, ignored{hint}")


def csv_rows(
    path: Path, shown: str, required: tuple[str, ...], known: tuple[str, ...] = ()
) -> Iterator[tuple[int, dict[str, str]] | BadRow]:
    """``(line, {column: value})`` per data row, header names lower-cased and stripped.

    A row with more values than the header has is a :class:`BadRow`; blank lines are skipped.
    A header missing a required column is an error for the whole file.
    """
    if csv.field_size_limit() < FIELD_SIZE_LIMIT:
        csv.field_size_limit(FIELD_SIZE_LIMIT)
    text = decode(path)
    for number, reason in sorted(text.bad_lines.items()):
        yield BadRow(shown, number, None, reason)
    for number in text.nul_lines:
        yield Notice(shown, number, None, "NUL bytes removed (no text needs them)")
    delimiter = sniff_delimiter(text.lines)
    reader = csv.reader(numbered(text.lines), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as error:
        raise InvalidInput(f"{shown}:1: cannot read the header: {error}") from None
    columns = [h.strip().lower() for h in header]
    missing = [c for c in required if c not in columns]
    if missing:
        raise InvalidInput(
            f"{shown}:1: the header has no {', '.join(repr(m) for m in missing)} column"
            f" (columns: {', '.join(columns)})"
        )
    yield from _header_notices(shown, columns, known)
    line = reader.line_num
    while True:
        start = line + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            line = reader.line_num
            yield BadRow(shown, start, None, f"not valid CSV: {error}")
            continue
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(columns):
            yield BadRow(
                shown,
                start,
                None,
                f"{len(values)} values but the header names {len(columns)} columns",
            )
            continue
        yield (
            start,
            {c: (values[i].strip() if i < len(values) else "") for i, c in enumerate(columns)},
        )
