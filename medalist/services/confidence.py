"""How sure we are that a found profile is the stored person, in words a recruiter reads.

An exact identifier (the ORCID iD, GitHub login, profile URL or e-mail address on file) is
certain whatever the score; a person's decision is confirmed; a scored (fuzzy) match is put in
one of three bands by its score. The bands are the matcher's own thresholds, so "likely" here
means what ``review`` means there: a person looked, or should.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from pydantic import BaseModel

Band = Literal["certain", "high", "likely", "low", "unknown"]

#: The exact identifiers the matcher links on, as a recruiter calls them.
IDENTIFIERS = {
    "orcid": "ORCID iD",
    "github": "GitHub login",
    "wikidata": "Wikidata item",
    "profile_url": "profile URL",
    "email": "e-mail address",
}
#: Lowest score of each band for a scored match.
HIGH_SCORE = 0.9
LIKELY_SCORE = 0.75


class Confidence(BaseModel):
    band: Band
    words: str
    score: float | None = None
    method: str | None = None
    reasons: list[str] = []


def _score(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def confidence(match: Mapping[str, Any] | None, reasons: Sequence[object] = ()) -> Confidence:
    """The confidence of an event's ``match`` (``{"score", "method"}``), with the reasons the
    match gave (its own ``reasons``, else those passed in: a reviewer's linked match)."""
    match = match or {}
    score = _score(match.get("score"))
    method = match.get("method") if isinstance(match.get("method"), str) else None
    given = match.get("reasons")
    listed = [str(r) for r in (given if isinstance(given, list) else reasons)]
    percent = f" ({round(score * 100)}%)" if score is not None else ""
    if method in IDENTIFIERS:
        words = f"Certain: the same {IDENTIFIERS[method]} as on file"
        listed = listed or [f"{IDENTIFIERS[method]} matches the stored record"]
        band: Band = "certain"
    elif method == "reviewer":
        band, words = "certain", "Confirmed by a reviewer"
    elif score is None:
        band, words = "unknown", "Unknown: no match details were stored"
    elif score >= HIGH_SCORE:
        band, words = "high", f"High{percent}, from a scored match"
    elif score >= LIKELY_SCORE:
        band, words = "likely", f"Likely{percent}: check it is the same person"
    else:
        band, words = "low", f"Low{percent}: may be someone else"
    return Confidence(band=band, words=words, score=score, method=method, reasons=listed)
