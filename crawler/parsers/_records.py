"""Building :class:`ProfileRecord` s the same way in every parser."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from crawler.parsers._dates import date_or_none
from crawler.parsers._document import Document
from crawler.parsers._text import clean, unique
from enrichment.model import Education, Position, ProfileRecord

#: Longest excerpt kept as evidence; longer text is cut at a word boundary.
EXCERPT_LIMIT = 300


def excerpt(text: str | None, limit: int = EXCERPT_LIMIT) -> str | None:
    """Verbatim text (whitespace collapsed) cut to ``limit`` characters at a word boundary."""
    text = clean(text)
    if not text or len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return f"{cut}…"


def position_excerpt(position: Position) -> str:
    """``"Senior Software Engineer, Acme, 2025-01"``: the contract's evidence form."""
    parts = [position.title, position.company]
    if position.start:
        parts.append(position.start.isoformat())
    return ", ".join(p for p in parts if p)


def best_excerpt(positions: Iterable[Position]) -> str | None:
    """The excerpt of the most recent current position, else of the first position."""
    listed = list(positions)
    current = [p for p in listed if p.is_current]
    pool = current or listed
    if not pool:
        return None
    dated = [p for p in pool if p.start]
    chosen = (
        max(dated, key=lambda p: p.start.sort_key() if p.start else (0, 0, 0)) if dated else pool[0]
    )
    return position_excerpt(chosen)


def build(
    document: Document,
    kind: str,
    profile_id: str,
    full_name: str,
    *,
    location: str | None = None,
    identifiers: Mapping[str, str | None] | None = None,
    positions: Iterable[Position] = (),
    skills: Iterable[str | None] = (),
    education: Iterable[Education] = (),
    emails: Iterable[str | None] = (),
    excerpt_text: str | None = None,
) -> ProfileRecord:
    """A record with the document's URL and fetch time, empty values dropped."""
    kept_positions = tuple(dict.fromkeys(positions))
    return ProfileRecord(
        full_name=full_name,
        kind=kind,
        profile_id=profile_id,
        url=document.url,
        location=clean(location),
        identifiers={k: v for k, v in (identifiers or {}).items() if v},
        positions=kept_positions,
        skills=unique(skills),
        education=tuple(dict.fromkeys(education)),
        emails=tuple(e.lower() for e in unique(emails)),
        fetched_at=document.fetched_at,
        excerpt=excerpt(excerpt_text) or best_excerpt(kept_positions),
    )


def position(
    title: object,
    company: object,
    start: object = None,
    end: object = None,
    *,
    location: object = None,
    description: object = None,
) -> Position | None:
    """A position, or ``None`` when it has neither title nor company."""
    t, c = clean(title), clean(company)
    if not t and not c:
        return None
    return Position(
        title=t,
        company=c,
        start=date_or_none(start),
        end=date_or_none(end),
        location=clean(location),
        description=clean(description),
    )


def education(
    institution: object,
    degree: object = None,
    area: object = None,
    start: object = None,
    end: object = None,
) -> Education | None:
    """An education entry, or ``None`` when it has neither institution nor degree."""
    i, d = clean(institution), clean(degree)
    if not i and not d:
        return None
    return Education(
        institution=i,
        degree=d,
        area=clean(area),
        start=date_or_none(start),
        end=date_or_none(end),
    )
