"""Qualification for a requisition and ranking candidates for one (``enrichment.qualification``)."""

from __future__ import annotations

from datetime import date

import pytest

from enrichment.model import Candidate, Requisition
from enrichment.qualification import (
    candidate_level,
    location_matches,
    newly_qualified,
    qualifies,
    rank_candidates,
    requisition_level,
)

TODAY = date(2026, 11, 26)


def person(
    title: str | None = "Senior Software Engineer",
    *,
    start: str = "2019-11",
    end: str | None = None,
    skills: tuple[str, ...] = ("Python", "Postgres", "k8s"),
    location: str | None = "London, UK",
    name: str = "Ada Lovelace",
) -> Candidate:
    return Candidate.from_dict(
        {
            "external_id": name.lower().replace(" ", "-"),
            "full_name": name,
            "location": location,
            "positions": [{"title": title, "company": "Acme", "start": start, "end": end}],
            "skills": list(skills),
        }
    )


REQ = Requisition(
    "R-9",
    "Senior Backend Engineer",
    level=3,
    min_years=5,
    skills=("python", "PostgreSQL"),
    location="London",
)

CASES = [
    ("meets everything", person(), REQ, True, set()),
    ("level below", person("Software Engineer"), REQ, False, {"level"}),
    ("level above is fine", person("Engineering Manager"), REQ, True, set()),
    ("too few years", person(start="2024-01"), REQ, False, {"years"}),
    ("a skill missing", person(skills=("Python",)), REQ, False, {"skills"}),
    ("skills by synonym", person(skills=("python3", "psql")), REQ, True, set()),
    ("elsewhere", person(location="Leeds, UK"), REQ, False, {"location"}),
    ("no location", person(location=None), REQ, False, {"location"}),
    (
        "remote role",
        person(location="Leeds, UK"),
        Requisition("R-1", "Senior Engineer", level=3, location="Remote"),
        True,
        set(),
    ),
    (
        "no role location",
        person(location=None),
        Requisition("R-2", "Senior Engineer", level=3),
        True,
        set(),
    ),
    (
        "level from the title",
        person("Software Engineer"),
        Requisition("R-3", "Director of Engineering"),
        False,
        {"level"},
    ),
    ("between jobs keeps the level left", person(end="2026-06"), REQ, True, set()),
    ("no title, no level", person(None), REQ, False, {"level"}),
    (
        "several failures",
        person("Intern", start="2026-01", skills=(), location="Paris"),
        REQ,
        False,
        {"level", "years", "skills", "location"},
    ),
]


@pytest.mark.parametrize(
    ("candidate", "req", "ok", "failed"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_qualifies(candidate: Candidate, req: Requisition, ok: bool, failed: set[str]) -> None:
    result = qualifies(candidate, req, TODAY)
    assert result.ok is ok
    assert result.failed == failed
    assert len(result.reasons) >= 3


@pytest.mark.parametrize(
    ("required", "location", "ok"),
    [
        (None, None, True),
        ("Remote", None, True),
        ("remote (EU)", "Berlin", True),
        ("Anywhere", "Berlin", True),
        ("London", "London, UK", True),
        ("London, UK", "London", True),
        ("London, UK", "Greater London Area", True),
        ("UK", "London, UK", True),
        ("New York, NY", "NYC", True),
        ("San Francisco", "SF, CA", True),
        ("München", "Munich, Germany", True),
        ("London", "Leeds, UK", False),
        ("New York", "York, UK", False),
        ("London", None, False),
    ],
)
def test_location_rule(required: str | None, location: str | None, ok: bool) -> None:
    assert location_matches(required, location) is ok


def test_levels() -> None:
    assert requisition_level(Requisition("R", "Engineering Manager")) == 5
    assert requisition_level(Requisition("R", "Engineering Manager", level=4)) == 4
    assert candidate_level(person("Director of Engineering")) == 6
    assert candidate_level(person(None)) is None


def test_newly_qualified_skips_closed_and_already_met() -> None:
    before, after = person("Software Engineer"), person()
    reqs = [
        REQ,
        Requisition("R-closed", "Senior Backend Engineer", level=3, status="closed"),
        Requisition("R-already", "Backend Engineer", level=2),
    ]
    assert [r.req_id for r, _ in newly_qualified(before, after, reqs, TODAY)] == ["R-9"]


def test_rank_candidates_best_first() -> None:
    people = [
        person("Software Engineer", name="Mid Level"),
        person("Senior Software Engineer", start="2015-01", name="Senior Long"),
        person("Senior Software Engineer", name="Senior Short"),
        person("Engineering Manager", name="Manager"),
        person("Director of Engineering", location="Paris", name="Director Paris"),
    ]
    ranked = rank_candidates(REQ, people, TODAY)
    assert [r.candidate.full_name for r in ranked] == [
        "Manager",
        "Senior Long",
        "Senior Short",
        "Director Paris",
        "Mid Level",
    ]
    assert [r.qualified for r in ranked] == [True, True, True, False, False]
    assert all(0 <= r.score <= 1 for r in ranked)
    assert ranked[0].reasons and ranked[-1].reasons
