"""Small stored records and pages, in the contract's JSON shapes, for the diff engine's tests.

Titles are the clear-cut ones of the seniority scale: "Software Engineer" 2 (mid), "Senior
Software Engineer" 3, "Engineering Manager" 5, "Director of Engineering" 6, "Intern" 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from enrichment.diff import LinkedProfile
from enrichment.model import Candidate, ProfileRecord

TODAY = date(2026, 11, 26)
FETCHED = "2026-11-26T02:14:09Z"

SE = "Software Engineer"
SENIOR = "Senior Software Engineer"
MANAGER = "Engineering Manager"
DIRECTOR = "Director of Engineering"
INTERN = "Intern"


def job(title: str | None, company: str, start: str | None = None, end: str | None = None) -> dict:
    return {"title": title, "company": company, "start": start, "end": end}


def candidate(
    positions: list[dict],
    *,
    skills: list[str] | None = None,
    education: list[dict] | None = None,
    location: str | None = "London, UK",
) -> Candidate:
    return Candidate.from_dict(
        {
            "external_id": "ats-123",
            "full_name": "Ada Lovelace",
            "location": location,
            "positions": positions,
            "skills": skills or [],
            "education": education or [],
        }
    )


def page(
    positions: list[dict],
    *,
    kind: str = "jsonresume",
    url: str = "https://ada.example/resume.json",
    fetched_at: str = FETCHED,
    skills: list[str] | None = None,
    education: list[dict] | None = None,
    location: str | None = None,
    score: float = 0.97,
    method: str = "profile_url",
) -> LinkedProfile:
    record = ProfileRecord.from_dict(
        {
            "full_name": "Ada King",
            "kind": kind,
            "url": url,
            "location": location,
            "positions": positions,
            "skills": skills or [],
            "education": education or [],
            "fetched_at": fetched_at,
        }
    )
    return LinkedProfile(record, score, method)


@dataclass
class Scenario:
    id: str
    stored: Candidate
    pages: list[LinkedProfile]
    #: (type, subset of before, subset of after) per expected change, in order.
    expected: list[tuple[str, dict[str, Any] | None, dict[str, Any] | None]]
    leveled_up: bool | None = None
    extra: dict[str, Any] = field(default_factory=dict)


ACME_SE = job(SE, "Acme", "2019-03")

SCENARIOS: list[Scenario] = [
    Scenario(
        "promotion: new senior job at the same employer, legal suffix ignored",
        candidate([ACME_SE]),
        [page([job(SENIOR, "Acme Ltd", "2025-01")])],
        [
            (
                "promotion",
                {"title": SE, "company": "Acme", "level": 2, "level_name": "mid"},
                {"title": SENIOR, "level": 3, "level_name": "senior", "start": "2025-01"},
            )
        ],
        leveled_up=True,
    ),
    Scenario(
        "promotion: title edited in place (same start)",
        candidate([ACME_SE]),
        [page([job(SENIOR, "ACME", "2019-03")])],
        [("promotion", {"level": 2}, {"title": SENIOR, "level": 3, "start": "2019-03"})],
        leveled_up=True,
    ),
    Scenario(
        "promotion: to management",
        candidate([ACME_SE]),
        [page([job(SE, "Acme", "2019-03", "2024-12"), job(MANAGER, "Acme", "2025-01")])],
        [("promotion", {"level": 2}, {"title": MANAGER, "level": 5, "level_name": "manager"})],
        leveled_up=True,
    ),
    Scenario(
        "promotion: intern hired on",
        candidate([job(INTERN, "Acme", "2018-06")]),
        [page([job(SE, "Acme", "2019-09")])],
        [("promotion", {"level": 0, "level_name": "training"}, {"title": SE, "level": 2})],
        leveled_up=True,
    ),
    Scenario(
        "title_change: same employer, same level, new title",
        candidate([ACME_SE]),
        [page([job("Backend Engineer", "Acme", "2024-02")])],
        [("title_change", {"title": SE, "level": 2}, {"title": "Backend Engineer", "level": 2})],
        leveled_up=False,
    ),
    Scenario(
        "job_change: new employer; the old job's end is not a second event",
        candidate([ACME_SE]),
        [page([job(SENIOR, "Globex", "2025-01"), job(SE, "Acme", "2019-03", "2024-12")])],
        [
            (
                "job_change",
                {"title": SE, "company": "Acme", "level": 2},
                {"title": SENIOR, "company": "Globex", "level": 3, "start": "2025-01"},
            )
        ],
        leveled_up=True,
    ),
    Scenario(
        "job_change: the page no longer mentions the old job",
        candidate([ACME_SE]),
        [page([job(DIRECTOR, "Globex", "2025-01")])],
        [("job_change", {"company": "Acme"}, {"company": "Globex", "level": 6})],
        leveled_up=True,
    ),
    Scenario(
        "job_change: a GitHub company, no title",
        candidate([ACME_SE]),
        [page([job(None, "@globex")], kind="github", url="https://api.github.com/users/ada")],
        [("job_change", {"company": "Acme"}, {"title": None, "company": "globex", "level": None})],
        leveled_up=False,
    ),
    Scenario(
        "job_change: back to a former employer after leaving it",
        candidate([job(SE, "Acme", "2015-01", "2020-12"), job(SE, "Globex", "2021-01")]),
        [page([job(SENIOR, "Acme", "2025-02"), job(SE, "Globex", "2021-01", "2025-01")])],
        [("job_change", {"company": "Globex"}, {"company": "Acme", "title": SENIOR})],
        leveled_up=True,
    ),
    Scenario(
        "left_company: an end date and no new job",
        candidate([ACME_SE]),
        [page([job(SE, "Acme", "2019-03", "2025-06")])],
        [
            (
                "left_company",
                {"title": SE, "company": "Acme", "level": 2},
                {"company": "Acme", "start": "2019-03", "end": "2025-06"},
            )
        ],
        leveled_up=False,
    ),
    Scenario(
        "new_skill: one event, synonyms and case are not new",
        candidate([ACME_SE], skills=["python", "sql", "JS"]),
        [page([ACME_SE], skills=["Python", "k8s", "Postgres", "SQL", "JavaScript", "kubernetes"])],
        [("new_skill", None, {"skills": ["Kubernetes", "PostgreSQL"]})],
        leveled_up=False,
    ),
    Scenario(
        "new_education: a degree not known before",
        candidate([ACME_SE], education=[{"institution": "UCL", "degree": "BSc", "end": "2015"}]),
        [
            page(
                [ACME_SE],
                education=[
                    {"institution": "UCL", "degree": "BSc Computer Science", "end": "2015"},
                    {"institution": "MIT", "degree": "MSc", "end": "2024"},
                ],
            )
        ],
        [("new_education", None, {"education": [{"institution": "MIT", "degree": "MSc"}]})],
        leveled_up=False,
    ),
    Scenario(
        "nothing: the same job, employer and title written differently",
        candidate([job(SENIOR, "Acme Inc.", "2019-03")]),
        [page([job("Sr. Software Engineer", "ACME Ltd", "2019-03")])],
        [],
    ),
    Scenario(
        "nothing: a GitHub company that is the current employer",
        candidate([ACME_SE]),
        [page([job(None, "@acme")], kind="github", url="https://api.github.com/users/ada")],
        [],
    ),
    Scenario(
        "nothing: a page still showing a job the record knows has ended",
        candidate([job(SE, "Acme", "2015-01", "2020-12"), job(SE, "Globex", "2021-01")]),
        [page([job(None, "Acme")], kind="github", url="https://api.github.com/users/ada")],
        [],
    ),
    Scenario(
        "nothing: a concurrent role learned late is recorded, not announced",
        candidate([ACME_SE]),
        [page([ACME_SE, job("Founder", "Side Project", "2017-05")])],
        [],
    ),
    Scenario(
        "nothing: a job that began and ended between two looks is history",
        candidate([ACME_SE]),
        [page([ACME_SE, job(SE, "Initech", "2016-01", "2018-12")])],
        [],
    ),
    Scenario(
        "several at once: promotion, new skills and new education",
        candidate([ACME_SE], skills=["python"]),
        [
            page(
                [job(SENIOR, "Acme", "2025-01")],
                skills=["Python", "Go"],
                education=[{"institution": "Open University", "degree": "MSc", "end": "2024"}],
            )
        ],
        [
            ("promotion", {"level": 2}, {"level": 3}),
            ("new_skill", None, {"skills": ["Go"]}),
            ("new_education", None, None),
        ],
        leveled_up=True,
    ),
]
