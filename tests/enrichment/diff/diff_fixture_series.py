"""The dated real documents of the acceptance tests, parsed by the project's own parsers.

Thomas Davis's JSON Resume at three commits and Ian Cordasco's GitHub user at three dates
(``tests/fixtures``, see its MANIFEST.md). Each version is fetched "on its date".
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from crawler.parsers import Document, parser_for
from enrichment.diff import LinkedProfile
from enrichment.model import Candidate, ProfileRecord

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

RESUME_URL = "https://registry.jsonresume.org/thomasdavis.json"
RESUMES = {
    date(2016, 4, 27): "jsonresume/thomasdavis_resume_2016-04-27_9f9b1cc.json",
    date(2018, 10, 10): "jsonresume/thomasdavis_resume_2018-10-10_a2707c3.json",
    date(2023, 5, 18): "jsonresume/thomasdavis_resume_2023-05-18_1bbc4c6.json",
}
GITHUB_URL = "https://api.github.com/users/sigmavirus24"
GITHUB = {
    date(2013, 12, 14): "github_users/github3.py_GET_users_sigmavirus24_2013-12-14_Bendyworks.json",
    date(2014, 9, 1): "github_users/github3.py_GET_users_sigmavirus24_2014-09-01_Rackspace.json",
    date(2018, 8, 18): "github_users/github3.py_GET_users_sigmavirus24_2018-08-18_heroku.json",
}


def fetched(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 2, 14, 9, tzinfo=UTC)


def record(kind: str, url: str, path: str, day: date) -> ProfileRecord:
    body = (FIXTURES / path).read_bytes()
    records = parser_for(kind)(Document(url, body, fetched(day)))
    assert len(records) == 1
    return records[0]


def resume(day: date) -> ProfileRecord:
    return record("jsonresume", RESUME_URL, RESUMES[day], day)


def github(day: date) -> ProfileRecord:
    return record("github", GITHUB_URL, GITHUB[day], day)


def linked(rec: ProfileRecord) -> LinkedProfile:
    return LinkedProfile(rec, 1.0, "profile_url")


def stored_from(rec: ProfileRecord, external_id: str) -> Candidate:
    """The stored record as the last run left it: what this version of the page said."""
    return Candidate(
        external_id=external_id,
        full_name=rec.full_name,
        location=rec.location,
        positions=rec.positions,
        skills=rec.skills,
        education=rec.education,
    )
