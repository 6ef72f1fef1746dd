"""Idempotence on many generated records and pages: ``diff(diff(c, p).updated, p).changes == []``.

The generator mixes employers written differently (``Acme``, ``Acme Ltd``, ``@acme``), missing
titles and dates, ended and current jobs and pages fetched on different days: the messy
inputs real sources give. Seeds are fixed, so a failure names a reproducible case.
"""

from __future__ import annotations

import random

import pytest
from diff_scenarios import TODAY, candidate, job, page

from enrichment.diff import diff

TITLES = [
    "Software Engineer",
    "Senior Software Engineer",
    "Engineering Manager",
    "Director of Engineering",
    "Intern",
    "Backend Engineer",
    None,
]
COMPANIES = ["Acme", "Acme Ltd", "@acme", "Globex", "Initech", "@globex"]
DATES = [None, "2015", "2018-03", "2019-03", "2020-01", "2021-06", "2024-12", "2025-01", "2026-02"]
FETCHED = ["2025-01-01T00:00:00Z", "2026-11-01T00:00:00Z", "2026-11-20T00:00:00Z"]
SKILLS = ["Python", "JavaScript", "Kubernetes", "Rust", "golang", "js", "k8s"]


def _job(r: random.Random) -> dict:
    start, end = r.choice(DATES), r.choice([None, None, *DATES[1:]])
    if start and end and end < start:
        start, end = end, start
    return job(r.choice(TITLES), r.choice(COMPANIES), start, end)


def _case(seed: int):  # type: ignore[no-untyped-def]
    r = random.Random(seed)
    stored_jobs: dict[tuple, dict] = {}
    for _ in range(r.randint(0, 3)):
        j = _job(r)
        stored_jobs.setdefault((j["title"], j["company"].strip("@").split()[0].lower()), j)
    stored = candidate(list(stored_jobs.values()), skills=r.sample(SKILLS, r.randint(0, 2)))
    pages = [
        page(
            [_job(r) for _ in range(r.randint(0, 3))],
            kind=r.choice(["jsonresume", "github", "website"]),
            url=f"https://ada.example/{i}",
            fetched_at=r.choice(FETCHED),
            skills=r.sample(SKILLS, r.randint(0, 3)),
        )
        for i in range(r.randint(1, 3))
    ]
    return stored, pages


@pytest.mark.parametrize("block", range(10))
def test_diffing_the_updated_record_again_finds_nothing(block: int) -> None:
    failures = []
    for seed in range(block * 100, block * 100 + 100):
        stored, pages = _case(seed)
        first = diff(stored, pages, today=TODAY)
        second = diff(first.updated, pages, today=TODAY)
        if second.changes:
            failures.append((seed, [c.type for c in second.changes]))
    assert failures == []
