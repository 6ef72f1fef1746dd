"""Evidence, fingerprints and education keys for the changes the engine finds."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from enrichment.companies import company_key, fold
from enrichment.diff._positions import excerpt, title_key
from enrichment.model import Education, Evidence, Position, ProfileRecord

_EPOCH = datetime(1, 1, 1, tzinfo=UTC)


def fingerprint(change_type: str, *parts: str) -> str:
    """``type:`` and 32 hex characters naming the change itself (never the evidence)."""
    payload = "\x1f".join((change_type, *parts))
    return f"{change_type}:{hashlib.sha256(payload.encode()).hexdigest()[:32]}"


def _mentions(text: str, company: str | None) -> bool:
    key = company_key(company)
    squashed = "".join(ch for ch in fold(text) if ch.isalnum())
    return bool(key) and key in squashed


def position_evidence(record: ProfileRecord, position: Position) -> Evidence:
    """The record's own excerpt when it names the employer, else one built from the position."""
    text = record.excerpt
    if not text or not _mentions(text, position.company):
        text = None
    return Evidence(record.kind, record.url, record.fetched_at, text or excerpt(position))


def text_evidence(record: ProfileRecord, text: str) -> Evidence:
    return Evidence(record.kind, record.url, record.fetched_at, text)


def newest_first(evidence: Iterable[Evidence]) -> tuple[Evidence, ...]:
    """Evidence without repeats (one per document), newest fetch first."""
    unique: dict[tuple[str, str | None, datetime | None], Evidence] = {}
    for item in evidence:
        unique.setdefault((item.kind, item.url, item.fetched_at), item)
    return tuple(sorted(unique.values(), key=lambda e: e.fetched_at or _EPOCH, reverse=True))


def education_key(entry: Education) -> str:
    return f"{company_key(entry.institution)}/{title_key(entry.degree)}"


def same_education(a: Education, b: Education) -> bool:
    """Same institution (normalised) and degrees that agree (one's words within the other's)."""
    ia, ib = company_key(a.institution), company_key(b.institution)
    da, db = set(title_key(a.degree).split()), set(title_key(b.degree).split())
    if ia and ib:
        if ia != ib:
            return False
        return not da or not db or da <= db or db <= da
    return bool(da) and da == db


def education_excerpt(entry: Education) -> str:
    parts = [p for p in (entry.degree, entry.area, entry.institution) if p]
    if entry.end is not None:
        parts.append(entry.end.isoformat())
    return ", ".join(parts)


def new_education(known: Sequence[Education], found: Iterable[Education]) -> list[Education]:
    """Entries of ``found`` that no known entry (nor an earlier found one) describes."""
    out: list[Education] = []
    for entry in found:
        if not any(same_education(entry, other) for other in (*known, *out)):
            out.append(entry)
    return out


@dataclass(slots=True)
class Found:
    """A change before its shared fields (level-up, years, qualification) are filled in."""

    type: str
    fingerprint: str
    before: dict[str, object] | None
    after: dict[str, object] | None
    evidence: tuple[Evidence, ...]
    sources: set[int]
