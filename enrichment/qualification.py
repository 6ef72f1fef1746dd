"""Which open requisitions a candidate meets, and the candidates a requisition should look at first.

A candidate meets a requisition (contract section 6, ``qualifies_for``) when all four hold:

- **level**: the candidate's level is at least the requisition's. The requisition's level is its
  ``level``, or its title classified when ``level`` is None. The candidate's level is the highest
  level among their current positions; someone between jobs keeps the level of the position they
  left last (a silver medalist who was laid off is still senior).
- **years**: :func:`~enrichment.experience.years_of_experience` at ``today`` is at least
  ``min_years``.
- **skills**: every required skill is covered, compared by meaning (:mod:`enrichment.skills`).
- **location**: a requisition with no location, or one that starts with "Remote" (or says
  "Anywhere"), matches anyone. Otherwise the words of the requisition's first comma-separated
  part (its city, or a country when that is all it gives) must all appear among the words of
  the candidate's location, accents, case and punctuation ignored, a few common city aliases
  read as the city (NYC, SF, ...). "London, UK" matches "London" and "Greater London Area";
  "UK" matches "London, UK". A candidate without a location does not match a located role.

Each answer carries its reasons, passed or failed, in words a recruiter reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from enrichment.companies import fold
from enrichment.experience import years_of_experience
from enrichment.model import Candidate, Position, Requisition
from enrichment.seniority import LEVEL_NAMES, classify
from enrichment.skills import coverage

_CITY_ALIASES = {
    "nyc": "new york",
    "new york city": "new york",
    "ny": "new york",
    "sf": "san francisco",
    "sfo": "san francisco",
    "bay area": "san francisco",
    "la": "los angeles",
    "dc": "washington",
    "washington dc": "washington",
    "muenchen": "munich",
    "munchen": "munich",
    "koln": "cologne",
    "bengaluru": "bangalore",
}


@dataclass(frozen=True, slots=True)
class Qualification:
    ok: bool
    reasons: list[str]
    #: The criteria not met: a subset of ``{"level", "years", "skills", "location"}``.
    failed: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Ranked:
    candidate: Candidate
    score: float
    reasons: list[str]
    qualified: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def requisition_level(req: Requisition) -> int:
    return req.level if req.level is not None else classify(req.title).level


def position_level(position: Position) -> int | None:
    if not position.title:
        return None
    return classify(position.title, position.company).level


def current_level(positions: Iterable[Position]) -> int | None:
    """The highest level among current positions; None when there is none (or no title)."""
    levels = [position_level(p) for p in positions if p.is_current]
    known = [level for level in levels if level is not None]
    return max(known) if known else None


def candidate_level(candidate: Candidate) -> int | None:
    """The level for qualification: current, else the last position left."""
    level = current_level(candidate.positions)
    if level is not None:
        return level
    ended = [p for p in candidate.positions if p.end is not None and p.title]
    if not ended:
        return None
    last = max(p.end.sort_key() for p in ended if p.end is not None)
    levels = [position_level(p) for p in ended if p.end is not None and p.end.sort_key() == last]
    known = [level for level in levels if level is not None]
    return max(known) if known else None


def _words(text: str) -> list[str]:
    return re.sub(r"[^\w]+", " ", fold(text)).split()


def _aliased(text: str) -> str:
    words = " ".join(_words(text))
    return _CITY_ALIASES.get(words, words)


def is_remote(location: str | None) -> bool:
    if not location or not location.strip():
        return True
    words = _words(location)
    return not words or words[0] == "remote" or words == ["anywhere"]


def location_matches(required: str | None, location: str | None) -> bool:
    """The location rule of the module doc."""
    if is_remote(required):
        return True
    if not location:
        return False
    assert required is not None
    need = _aliased(required.split(",")[0]).split()
    have: set[str] = set()
    for part in location.split(","):
        have.update(_aliased(part).split())
        have.update(_words(part))
    return bool(need) and all(word in have for word in need)


def _level_text(level: int | None) -> str:
    return "unknown" if level is None else f"{level} ({LEVEL_NAMES[level]})"


def qualifies(candidate: Candidate, req: Requisition, today: date) -> Qualification:
    """Whether the candidate meets the requisition now, with a reason per criterion."""
    reasons: list[str] = []
    failed: set[str] = set()
    need = requisition_level(req)
    level = candidate_level(candidate)
    if level is not None and level >= need:
        reasons.append(f"level {_level_text(level)} meets {_level_text(need)}")
    else:
        failed.add("level")
        reasons.append(f"level {_level_text(level)} is below {_level_text(need)}")
    years = years_of_experience(candidate.positions, today)
    if years >= req.min_years:
        reasons.append(f"{years:g} years of experience meet {req.min_years:g}")
    else:
        failed.add("years")
        reasons.append(f"{years:g} years of experience are fewer than {req.min_years:g}")
    covered, missing = coverage(candidate.skills, req.skills)
    if missing:
        failed.add("skills")
        reasons.append(f"missing skills: {', '.join(missing)}")
    elif covered:
        reasons.append(f"skills covered: {', '.join(covered)}")
    if is_remote(req.location):
        reasons.append("location: remote or unrestricted")
    elif location_matches(req.location, candidate.location):
        reasons.append(f"location {candidate.location} matches {req.location}")
    else:
        failed.add("location")
        where = candidate.location or "unknown"
        reasons.append(f"location {where} does not match {req.location}")
    return Qualification(ok=not failed, reasons=reasons, failed=frozenset(failed))


def requisition_ref(req: Requisition) -> dict[str, Any]:
    """The ``qualifies_for`` entry of a requisition."""
    return {"req_id": req.req_id, "title": req.title, "level": requisition_level(req)}


def newly_qualified(
    before: Candidate, after: Candidate, requisitions: Iterable[Requisition], today: date
) -> list[tuple[Requisition, Qualification]]:
    """Open requisitions ``after`` meets and ``before`` did not, with what ``before`` failed."""
    out: list[tuple[Requisition, Qualification]] = []
    for req in requisitions:
        if req.status != "open":
            continue
        if not qualifies(after, req, today).ok:
            continue
        was = qualifies(before, req, today)
        if not was.ok:
            out.append((req, was))
    return out


def rank_candidates(req: Requisition, candidates: Sequence[Candidate], today: date) -> list[Ranked]:
    """Candidates for a requisition, best first.

    Order: qualified first, then by level margin (candidate level minus the requisition's), then
    years of experience, then the share of required skills covered, then name. ``score`` in
    [0, 1] summarises the same: 0.4 level fit + 0.3 years fit + 0.3 skills coverage, halved for
    a candidate who does not qualify.
    """
    need = requisition_level(req)
    rows: list[tuple[tuple[Any, ...], Ranked]] = []
    for candidate in candidates:
        result = qualifies(candidate, req, today)
        level = candidate_level(candidate)
        margin = (level - need) if level is not None else -9
        years = years_of_experience(candidate.positions, today)
        covered, _missing = coverage(candidate.skills, req.skills)
        share = len(covered) / len(req.skills) if req.skills else 1.0
        level_fit = 1.0 if margin >= 0 else max(0.0, 1 + margin / max(need, 1))
        years_fit = 1.0 if req.min_years <= 0 else min(1.0, years / req.min_years)
        score = 0.4 * level_fit + 0.3 * years_fit + 0.3 * share
        if not result.ok:
            score /= 2
        ranked = Ranked(
            candidate=candidate,
            score=round(score, 3),
            reasons=result.reasons,
            qualified=result.ok,
            extra={"level": level, "level_margin": margin, "years": years, "coverage": share},
        )
        key = (not result.ok, -margin, -years, -share, candidate.full_name, candidate.external_id)
        rows.append((key, ranked))
    rows.sort(key=lambda row: row[0])
    return [ranked for _key, ranked in rows]
