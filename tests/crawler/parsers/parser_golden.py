"""Golden-file helpers for the parser tests: load a saved document, compare records by field.

``MEDALIST_REGOLD=1`` rewrites the expected files from the parsers' output; a rewritten file is
a draft, to be read against the document and corrected by hand before it is committed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from crawler.parsers import Document
from enrichment.model import ProfileRecord

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "crawler" / "golden"
FETCHED_AT = datetime(2026, 11, 26, 2, 14, 9, tzinfo=UTC)


def document(
    relative: str,
    url: str,
    *,
    content_type: str = "",
    encoding: str | None = None,
    context: Mapping[str, str] | None = None,
    related: Mapping[str, Document] | None = None,
) -> Document:
    """A saved fixture (``tests/fixtures/<relative>``) as the spider would hand it over."""
    return Document(
        url=url,
        body=(FIXTURES / relative).read_bytes(),
        fetched_at=FETCHED_AT,
        content_type=content_type,
        encoding=encoding,
        context=dict(context or {}),
        related=dict(related or {}),
    )


def html(body: str, url: str = "https://person.example/", **context: str) -> Document:
    """An inline synthetic page (for edge cases), UTF-8."""
    return Document(
        url=url,
        body=body.encode("utf-8"),
        fetched_at=FETCHED_AT,
        content_type="text/html",
        context=context,
    )


def differences(expected: Any, actual: Any, path: str = "") -> list[str]:
    """Every field where ``actual`` differs from ``expected``, as ``path: expected != actual``."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        out: list[str] = []
        for key in sorted(set(expected) | set(actual)):
            where = f"{path}.{key}" if path else key
            if key not in actual:
                out.append(f"{where}: missing (expected {expected[key]!r})")
            elif key not in expected:
                out.append(f"{where}: unexpected {actual[key]!r}")
            else:
                out += differences(expected[key], actual[key], where)
        return out
    if isinstance(expected, list) and isinstance(actual, list):
        out = []
        if len(expected) != len(actual):
            out.append(f"{path}: {len(expected)} items expected, {len(actual)} found")
        for i, (e, a) in enumerate(zip(expected, actual, strict=False)):
            out += differences(e, a, f"{path}[{i}]")
        return out
    return [] if expected == actual else [f"{path}: expected {expected!r}, got {actual!r}"]


def check(name: str, records: list[ProfileRecord]) -> None:
    """Compare ``records`` with ``golden/<name>.expected.json``, naming each differing field."""
    actual = [record.to_dict() for record in records]
    path = GOLDEN / f"{name}.expected.json"
    if os.environ.get("MEDALIST_REGOLD") == "1":
        path.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    found = differences(expected, actual)
    assert not found, f"{path.name} differs:\n  " + "\n  ".join(found)
    # The expected JSON must itself be readable as contract profile records.
    for item in expected:
        ProfileRecord.from_dict(item, where=path.name)
