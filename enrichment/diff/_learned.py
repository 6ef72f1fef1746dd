"""What a run learns besides jobs: new skills, new education, the latest location."""

from __future__ import annotations

from collections.abc import Sequence

from enrichment.companies import fold
from enrichment.diff._evidence import (
    Found,
    education_excerpt,
    education_key,
    fingerprint,
    new_education,
    newest_first,
    text_evidence,
)
from enrichment.model import Candidate, Education, Evidence, ProfileRecord
from enrichment.skills import new_skills, skill_key, split_skills


def learned_skills(
    stored: Candidate, records: Sequence[ProfileRecord]
) -> tuple[tuple[str, ...], Found | None]:
    """The skills after the run, and the one ``new_skill`` change listing the new ones."""
    added: list[str] = []
    evidence: list[Evidence] = []
    sources: set[int] = set()
    for index, record in enumerate(records):
        fresh = new_skills([*stored.skills, *added], record.skills)
        if fresh:
            added += fresh
            sources.add(index)
            evidence.append(text_evidence(record, "Skills: " + ", ".join(fresh)))
    if not added:
        return stored.skills, None
    keys = sorted({skill_key(part) for s in added for part in split_skills(s)})
    found = Found(
        type="new_skill",
        fingerprint=fingerprint("new_skill", *keys),
        before=None,
        after={"skills": added},
        evidence=newest_first(evidence),
        sources=sources,
    )
    return (*stored.skills, *added), found


def learned_education(
    stored: Candidate, records: Sequence[ProfileRecord]
) -> tuple[tuple[Education, ...], Found | None]:
    """The education after the run, and the one ``new_education`` change listing the new entries."""
    added: list[Education] = []
    evidence: list[Evidence] = []
    sources: set[int] = set()
    for index, record in enumerate(records):
        fresh = new_education([*stored.education, *added], record.education)
        if fresh:
            added += fresh
            sources.add(index)
            evidence += [text_evidence(record, education_excerpt(e)) for e in fresh]
    if not added:
        return stored.education, None
    found = Found(
        type="new_education",
        fingerprint=fingerprint("new_education", *sorted(education_key(e) for e in added)),
        before=None,
        after={"education": [e.to_dict() for e in added]},
        evidence=newest_first(evidence),
        sources=sources,
    )
    return (*stored.education, *added), found


def latest_location(stored: Candidate, records: Sequence[ProfileRecord]) -> str | None:
    """The location of the most recently fetched page that gives one, else the stored one."""
    located = [r for r in records if r.location]
    if not located:
        return stored.location
    newest = max(located, key=lambda r: r.fetched_at.timestamp() if r.fetched_at else 0.0)
    if stored.location and fold(stored.location).split() == fold(newest.location or "").split():
        return stored.location
    return newest.location
