"""GitHub users: empty strings, bots, organisation handles, fallbacks, malformed input."""

from __future__ import annotations

import json

import pytest
from parser_golden import FETCHED_AT, document

from crawler.parsers import Document, github
from enrichment.errors import SourceError

URL = "https://api.github.com/users/someone"


def user(**fields: object) -> Document:
    data = {"login": "someone", "type": "User", "name": None, "company": None, **fields}
    return Document(url=URL, body=json.dumps(data).encode(), fetched_at=FETCHED_AT)


def test_bot_accounts_are_not_people() -> None:
    doc = document("github_users/octokit.rb_GET_users_shipit-bot_2018-04-18.json", URL)
    assert github.parse(doc) == []


def test_organisations_are_not_people() -> None:
    assert github.parse(user(type="Organization", name="Acme")) == []


def test_empty_strings_are_absent_values() -> None:
    (record,) = github.parse(
        document("github_users/octokit.rb_GET_users_sferik_2013-06-24.json", URL)
    )
    assert record.positions == ()  # company ""
    assert record.full_name == "Erik Michaels-Ober"
    (record,) = github.parse(user(name="A Person", company="", blog="", location="", email=""))
    assert record.location is None and record.emails == () and "website" not in record.identifiers


@pytest.mark.parametrize(
    ("company", "expected"),
    [
        ("@heroku", "Heroku"),
        ("@PyCQA", "PyCQA"),
        ("Rackspace", "Rackspace"),
        ("  Rackspace  ", "Rackspace"),
        ("", None),
        ("@", None),
        (None, None),
    ],
)
def test_company_names(company: str | None, expected: str | None) -> None:
    assert github.company_name(company) == expected


def test_a_company_is_a_current_position_without_a_title() -> None:
    (record,) = github.parse(user(name="A Person", company="@heroku"))
    (job,) = record.positions
    assert (job.title, job.company, job.is_current) == (None, "Heroku", True)
    assert record.identifiers["github"] == "someone"


def test_without_a_name_the_login_stands_in() -> None:
    (record,) = github.parse(user(name=""))
    assert record.full_name == "someone"
    assert record.profile_id == "github:someone"


@pytest.mark.parametrize("body", [b"{not json", b"", b"[1, 2]", b'{"message": "Not Found"}'])
def test_unreadable_responses_name_the_url(body: bytes) -> None:
    with pytest.raises(SourceError, match=URL):
        github.parse(Document(url=URL, body=body, fetched_at=FETCHED_AT))
