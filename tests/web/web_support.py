"""A seeded database for the page tests: candidates who leveled up (one with two changes),
one whose scraped fields carry script payloads, a review waiting, requisitions and runs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from enrichment.model import Candidate, Requisition
from medalist.services import users
from storage.unit_of_work import UnitOfWork

USER, PASSWORD = "rita", "correct horse battery"
#: Planted in scraped fields: none of them may ever run.
SCRIPT = "<script>alert('xss-script')</script>"
ONERROR = "<img src=x onerror=\"alert('xss-onerror')\">"
JS_URL = "javascript:alert('xss-href')"
HOSTILE_NAME = f"Mallory {ONERROR}"

CANDIDATES: list[dict[str, Any]] = [
    {
        "external_id": "ats-101",
        "full_name": "Ada Lovelace",
        "location": "London, UK",
        "positions": [
            {"title": "Software Engineer", "company": "Acme", "start": "2019-03", "end": "2023-12"},
            {
                "title": "Senior Software Engineer",
                "company": "Acme",
                "start": "2024-01",
                "end": "2025-05",
            },
            {"title": "Staff Software Engineer", "company": "Acme", "start": "2025-06"},
        ],
        "skills": ["python", "sql"],
        "profiles": [
            {"kind": "jsonresume", "url": "https://ada.example/resume.json"},
            {"kind": "github", "id": "ada-example"},
        ],
        "applications": [
            {"req_id": "R-7", "stage_reached": "final interview", "closed_at": "2024-05-01"}
        ],
    },
    {
        "external_id": "ats-102",
        "full_name": HOSTILE_NAME,
        "location": "Remote",
        "positions": [{"title": "Accountant", "company": "Globex", "start": "2018-01"}],
        "skills": ["excel"],
        "profiles": [
            {"kind": "website", "url": "https://mallory.example/?q=<script>alert(1)</script>"}
        ],
        "applications": [{"req_id": "R-12", "stage_reached": SCRIPT}],
    },
    {
        "external_id": "ats-103",
        "full_name": "Linus Chen",
        "location": "Berlin, Germany",
        "positions": [
            {
                "title": "Software Engineer",
                "company": "Initech",
                "start": "2016-09",
                "end": "2025-08",
            },
            {"title": "Engineering Manager", "company": "Hooli", "start": "2025-09"},
        ],
        "skills": ["go", "python"],
        "applications": [{"req_id": "R-12", "stage_reached": "phone screen"}],
    },
    {
        "external_id": "ats-104",
        "full_name": "Margaret Hamilton",
        "location": "Boston, MA",
        "positions": [{"title": "Software Engineer", "company": "MIT", "start": "2015-01"}],
    },
]

REQS = [
    {
        "req_id": "R-7",
        "title": "Backend Engineer",
        "level": 2,
        "min_years": 2,
        "skills": ["python"],
        "location": "Remote",
    },
    {
        "req_id": "R-9",
        "title": "Senior Backend Engineer",
        "level": 3,
        "min_years": 5,
        "skills": ["python"],
        "location": "Remote",
    },
    {
        "req_id": "R-12",
        "title": "Engineering Manager",
        "level": 5,
        "min_years": 6,
        "location": "Remote",
    },
]


def _event(
    n: int,
    who: dict[str, Any],
    type: str,
    before: dict[str, Any],
    after: dict[str, Any],
    **extra: Any,
) -> dict[str, Any]:
    event: dict[str, Any] = {
        "id": f"evt_TEST{n:04d}",
        "type": type,
        "leveled_up": True,
        "candidate": {"external_id": who["external_id"], "full_name": who["full_name"]},
        "before": before,
        "after": after,
        "years_experience": {"before": 4.2, "after": 6.1},
        "qualifies_for": [],
        "evidence": [],
        "match": {"score": 0.97, "method": "profile_url"},
        "status": "new",
    }
    event.update(extra)
    return event


def events(now: datetime) -> list[dict[str, Any]]:
    ada, mallory, linus = CANDIDATES[0], CANDIDATES[1], CANDIDATES[2]
    return [
        _event(
            1,
            ada,
            "promotion",
            {"title": "Software Engineer", "company": "Acme", "level": 2, "level_name": "mid"},
            {
                "title": "Senior Software Engineer",
                "company": "Acme",
                "level": 3,
                "level_name": "senior",
                "start": "2024-01",
            },
            qualifies_for=[{"req_id": "R-9", "title": "Senior Backend Engineer", "level": 3}],
            evidence=[
                {
                    "kind": "jsonresume",
                    "url": "https://ada.example/resume.json",
                    "fetched_at": "2026-06-02T02:10:00Z",
                    "excerpt": "Senior Software Engineer, Acme, 2024-01",
                }
            ],
            detected_at=(now - timedelta(days=40)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        ),
        _event(
            2,
            ada,
            "promotion",
            {
                "title": "Senior Software Engineer",
                "company": "Acme",
                "level": 3,
                "level_name": "senior",
            },
            {
                "title": "Staff Software Engineer",
                "company": "Acme",
                "level": 4,
                "level_name": "lead",
                "start": "2025-06",
            },
            years_experience={"before": 6.1, "after": 7.6},
            qualifies_for=[{"req_id": "R-9", "title": "Senior Backend Engineer", "level": 3}],
            evidence=[
                {
                    "kind": "github",
                    "url": "https://github.com/ada-example",
                    "fetched_at": "2026-11-30T02:11:00Z",
                    "excerpt": "Staff Software Engineer at Acme",
                }
            ],
            detected_at=(now - timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        ),
        _event(
            3,
            mallory,
            "promotion",
            {"title": "Accountant", "company": "Globex", "level": 2, "level_name": "mid"},
            {
                "title": f"{SCRIPT}Finance Director",
                "company": ONERROR,
                "level": 6,
                "level_name": "director",
                "start": "2026-02",
            },
            qualifies_for=[{"req_id": "R-12", "title": SCRIPT, "level": 5}],
            evidence=[
                {
                    "kind": "website",
                    "url": JS_URL,
                    "fetched_at": "2026-11-29T02:00:00Z",
                    "excerpt": ONERROR,
                },
                {
                    "kind": "feed",
                    "url": "data:text/html,<script>alert('xss-data')</script>",
                    "fetched_at": None,
                    "excerpt": SCRIPT,
                },
            ],
            match={"score": 0.62, "method": "fuzzy", "reasons": [SCRIPT, "surname: exact (+4.0)"]},
            detected_at=(now - timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        ),
        _event(
            4,
            linus,
            "job_change",
            {"title": "Software Engineer", "company": "Initech", "level": 2, "level_name": "mid"},
            {
                "title": "Engineering Manager",
                "company": "Hooli",
                "level": 5,
                "level_name": "manager",
                "start": "2025-09",
            },
            years_experience={"before": 8.9, "after": 10.2},
            qualifies_for=[{"req_id": "R-12", "title": "Engineering Manager", "level": 5}],
            evidence=[
                {
                    "kind": "team_page",
                    "url": "https://hooli.example/about/team",
                    "fetched_at": "2026-11-27T02:30:00Z",
                    "excerpt": "Linus Chen — Engineering Manager",
                }
            ],
            match={"score": 0.86, "method": "fuzzy"},
            detected_at=(now - timedelta(days=6)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        ),
    ]


REVIEW_PROFILE: dict[str, Any] = {
    "profile_id": "p-margaret",
    "kind": "team_page",
    "url": "https://spacelab.example/team",
    "full_name": "Margaret H. Hamilton",
    "location": "Cambridge, MA",
    "positions": [
        {"title": "Director of Software Engineering", "company": "Spacelab", "start": "2026-03"}
    ],
    "fetched_at": "2026-11-30T02:20:00Z",
}
HOSTILE_PROFILE: dict[str, Any] = {
    "profile_id": "p-hostile",
    "kind": "feed",
    "url": JS_URL,
    "full_name": SCRIPT,
    "location": ONERROR,
    "positions": [{"title": ONERROR, "company": SCRIPT, "start": "2026-01"}],
}


def seed(sessions: sessionmaker[Session], now: datetime | None = None) -> None:
    """Everything the page tests look at, and the user ``rita``."""
    now = now or datetime.now(UTC)
    with UnitOfWork(sessions) as uow:
        for data in CANDIDATES:
            uow.candidates.upsert(Candidate.from_dict(data))
        for req in REQS:
            uow.requisitions.upsert(Requisition.from_dict(req))
        uow.commit()
    with UnitOfWork(sessions) as uow:
        ids = uow.candidates.ids_for(c["external_id"] for c in CANDIDATES)
        for who, kind, fetches in (
            ("ats-101", "jsonresume", [("ok", None, 3)]),
            ("ats-101", "github", [("ok", None, 9), ("error", "HTTP 503 from api.github.com", 1)]),
            ("ats-102", "website", [("error", f"parse failed near {SCRIPT}", 2)]),
        ):
            (source,) = [r for r in uow.sources.for_candidate(ids[who]) if r.kind == kind]
            for status, error, days in fetches:
                uow.sources.record_fetch(
                    source.id, status=status, error=error, fetched_at=now - timedelta(days=days)
                )
        for event in events(now):
            who = event["candidate"]["external_id"]
            uow.events.add_if_new(event, event["id"], candidate_id=ids[who])
        uow.matches.add_pending(
            "team_page:margaret",
            REVIEW_PROFILE,
            candidate_id=ids["ats-104"],
            score=0.81,
            method="fuzzy",
            reasons=[
                "first name: exact (+3.1)",
                "surname: exact (+4.2)",
                "employer: differs (-1.5)",
                "location: same region (+0.8)",
            ],
        )
        uow.matches.add_pending(
            "feed:hostile",
            HOSTILE_PROFILE,
            candidate_id=ids["ats-102"],
            score=0.55,
            method="fuzzy",
            reasons=[f"{SCRIPT} (+1.0)", f"{ONERROR} (-2.0)"],
        )
        for day in range(7, 0, -1):
            run = uow.runs.start(now=now - timedelta(days=day, hours=-2))
            failed = 1 if day % 3 else 4
            uow.runs.finish(
                run.id,
                counts={
                    "candidates": 4,
                    "sources": 12,
                    "fetched": 12 - failed,
                    "failed": failed,
                    "events_new": day % 4,
                    "leveled_up": day % 2,
                    "errors_by_kind": {"timeout": failed - 1, "http_5xx": 1}
                    if failed > 1
                    else {"dns": 1},
                },
                errors=[f"https://slow.example/{day}: timed out after 30 s"] if failed > 1 else [],
                now=now - timedelta(days=day, hours=-3),
            )
        uow.commit()
    users.create(sessions, USER, PASSWORD)
