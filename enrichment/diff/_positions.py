"""Positions compared across sources: keys, "is this the same job", merging, and event payloads."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from typing import Any

from enrichment.companies import company_display, company_key, fold
from enrichment.dates import PartialDate
from enrichment.model import Position
from enrichment.seniority import classify

_TITLE_ABBREVIATIONS = {
    "sr": "senior",
    "snr": "senior",
    "jr": "junior",
    "jnr": "junior",
    "mgr": "manager",
    "eng": "engineer",
    "engr": "engineer",
    "dev": "developer",
    "vp": "vice president",
    "svp": "senior vice president",
    "evp": "executive vice president",
    "dir": "director",
    "asst": "assistant",
    "assoc": "associate",
}


def title_key(title: str | None) -> str:
    """A title folded for comparison: case, accents, punctuation and common abbreviations."""
    if not title:
        return ""
    words = re.sub(r"[^\w+#]+", " ", fold(title).replace("&", " and ")).split()
    return " ".join(_TITLE_ABBREVIATIONS.get(word, word) for word in words)


def level_of(position: Position) -> int | None:
    if not position.title:
        return None
    return classify(position.title, position.company).level


def date_key(value: PartialDate | None) -> tuple[int, int, int]:
    return value.sort_key() if value is not None else (0, 0, 0)


def month_of(moment: datetime) -> PartialDate:
    return PartialDate(moment.year, moment.month)


def starts_close(a: PartialDate, b: PartialDate) -> bool:
    """Two starts that name the same day, at the precision both share (two months' slack)."""
    if a.month is None or b.month is None:
        return a.year == b.year
    return abs((a.year * 12 + a.month) - (b.year * 12 + b.month)) <= 2


def _apart(a: Position, b: Position) -> bool:
    """``a`` ended before ``b`` began: two jobs, whatever their titles."""
    return a.end is not None and b.start is not None and a.end.sort_key() < b.start.sort_key()


def same_position(a: Position, b: Position) -> bool:
    """Whether two observations describe the same job.

    Same employer (normalised) is required, or one side naming none with the same title and a
    close start; and one must not end before the other begins.
    Two dated positions whose starts are not close are
    different jobs, unless both are current with the same (or a missing) title. Otherwise: a
    missing title matches any title (GitHub's ``company`` has none); two current positions with
    the same title are one job; two dated positions with close starts are one job (a title
    edited in place); else the titles must be equal.
    """
    if _apart(a, b) or _apart(b, a):
        return False
    ta, tb = title_key(a.title), title_key(b.title)
    ka, kb = company_key(a.company), company_key(b.company)
    if ka != kb:
        # One side does not name the employer (a schema.org Role without worksFor): the same
        # job only when the title and a dated start agree.
        if ka and kb:
            return False
        return (
            bool(ta)
            and ta == tb
            and a.start is not None
            and b.start is not None
            and starts_close(a.start, b.start)
        )
    if a.start is not None and b.start is not None and not starts_close(a.start, b.start):
        return (not ta or not tb or ta == tb) and a.is_current and b.is_current
    if not ta or not tb:
        return True
    if a.is_current and b.is_current and ta == tb:
        return True
    if a.start is not None and b.start is not None:
        return True  # starts close: the same job, its title edited
    return ta == tb


_RANK = {"year": 0, "month": 1, "day": 2}


def more_precise(a: PartialDate | None, b: PartialDate | None) -> PartialDate | None:
    """The more precise of two dates; ``b`` when equally precise (it is the newer observation)."""
    if a is None:
        return b
    if b is None:
        return a
    return a if _RANK[a.precision] > _RANK[b.precision] else b


def refined(known: PartialDate | None, seen: PartialDate | None) -> PartialDate | None:
    """``known`` made more precise by ``seen`` when ``seen`` falls within it (2019 -> 2019-03).

    A stored date otherwise stands: it only ever gains precision, never moves earlier.
    """
    if known is None:
        return seen
    if seen is None or _RANK[seen.precision] <= _RANK[known.precision]:
        return known
    if seen.year != known.year or (known.month is not None and seen.month != known.month):
        return known
    return seen


def later_end(known: PartialDate | None, seen: PartialDate | None) -> PartialDate | None:
    """An end date: once known never taken away nor moved earlier; a later correction wins."""
    if known is None:
        return seen
    if seen is None:
        return known
    return seen if seen.sort_key() > known.sort_key() else known


def merge_into(stored: Position, seen: Position) -> Position:
    """A stored position brought up to date by a newer observation of the same job.

    The newer title, location and description win when given; the stored start stands, made
    more precise when the page knows better (2019 -> 2019-03); an end, once known, is never
    taken away nor moved earlier (a page that still shows an ended job as current does not
    reopen it), though a page may move it later (a correction).
    """
    return Position(
        title=seen.title or stored.title,
        company=stored.company or company_display(seen.company),
        start=refined(stored.start, seen.start),
        end=later_end(stored.end, seen.end),
        location=seen.location or stored.location,
        description=seen.description or stored.description,
    )


def ended(position: Position, end: PartialDate) -> Position:
    """The position closed at ``end`` (never before its start)."""
    if position.start is not None and end.sort_key() < position.start.sort_key():
        end = position.start
    return replace(position, end=end)


def view(position: Position | None, *, start: bool = False, end: bool = False) -> dict[str, Any]:
    """The ``before`` / ``after`` payload of a position: title, company, level, level_name."""
    if position is None:
        return {"title": None, "company": None, "level": None, "level_name": None}
    seniority = classify(position.title, position.company) if position.title else None
    out: dict[str, Any] = {
        "title": position.title,
        "company": company_display(position.company),
        "level": seniority.level if seniority else None,
        "level_name": seniority.level_name if seniority else None,
    }
    if start:
        out["start"] = position.start.isoformat() if position.start else None
    if end:
        out["end"] = position.end.isoformat() if position.end else None
    return out


def excerpt(position: Position) -> str:
    """``Senior Software Engineer, Acme, 2025-01`` (with the end when there is one)."""
    parts = [p for p in (position.title, company_display(position.company)) if p]
    if position.start is not None and position.end is not None:
        parts.append(f"{position.start.isoformat()} – {position.end.isoformat()}")
    elif position.start is not None:
        parts.append(position.start.isoformat())
    elif position.end is not None:
        parts.append(f"until {position.end.isoformat()}")
    return ", ".join(parts)
