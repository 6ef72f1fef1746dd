"""Small shared pieces of the repositories."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, TypeVar

from enrichment.model import Seniority

T = TypeVar("T")

#: Places a title on the seniority scale: ``classify(title, company)``.
Classifier = Callable[[str, str | None], Seniority]

#: What an upsert did to a row.
Outcome = Literal["created", "updated", "unchanged"]

#: Ids per ``IN (...)`` list: well under every backend's limit on bound parameters.
IN_CHUNK = 500


def chunked(items: Sequence[T], size: int = IN_CHUNK) -> Iterator[Sequence[T]]:
    """``items`` in slices of at most ``size``: one ``IN (...)`` list each."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a crawled fact came from. ``None`` in its place means the ATS import."""

    kind: str
    url: str | None = None
    fetched_at: datetime | None = None


def utcnow() -> datetime:
    return datetime.now(UTC)


def content_hash(data: Mapping[str, Any]) -> str:
    """A stable hash of a JSON-shaped record, to tell an identical re-import apart."""
    body = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return "sha256:" + hashlib.sha256(body.encode()).hexdigest()


def bounded_key(text: str, limit: int) -> str:
    """``text`` itself when it fits in ``limit`` characters, else a stable hash of it."""
    if len(text) <= limit:
        return text
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()
