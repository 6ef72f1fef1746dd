"""JSON Resume: sections that matter, sections that do not, and malformed documents."""

from __future__ import annotations

import json
from typing import Any

import pytest
from parser_golden import FETCHED_AT

from crawler.parsers import Document, jsonresume
from enrichment.dates import PartialDate
from enrichment.errors import SourceError

URL = "https://ada.example/resume.json"


def resume(data: Any) -> Document:
    return Document(url=URL, body=json.dumps(data).encode(), fetched_at=FETCHED_AT)


def test_volunteering_is_not_employment() -> None:
    (record,) = jsonresume.parse(
        resume(
            {
                "basics": {"name": "Ada King"},
                "work": [{"name": "Acme", "position": "Engineer", "startDate": "2020-01"}],
                "volunteer": [{"organization": "Food Bank", "position": "Driver"}],
            }
        )
    )
    assert [p.company for p in record.positions] == ["Acme"]


def test_profiles_become_identifiers() -> None:
    (record,) = jsonresume.parse(
        resume(
            {
                "basics": {
                    "name": "Ada King",
                    "url": "https://ada.example/",
                    "profiles": [
                        {"network": "GitHub", "username": "adal"},
                        {"network": "ORCID", "url": "https://orcid.org/0000-0002-1825-0097"},
                        {"network": "Twitter", "username": "ada"},
                    ],
                }
            }
        )
    )
    assert record.identifiers == {
        "website": "https://ada.example/",
        "github": "adal",
        "orcid": "0000-0002-1825-0097",
    }


def test_older_company_key_location_string_and_unreadable_dates() -> None:
    (record,) = jsonresume.parse(
        resume(
            {
                "basics": {"name": "Ada King", "location": "Leeds, UK"},
                "work": [
                    {"company": "Acme", "position": "Engineer", "startDate": "sometime"},
                    {"company": "", "position": ""},
                ],
            }
        )
    )
    assert record.location == "Leeds, UK"
    (job,) = record.positions  # the empty entry is no position
    assert (job.company, job.start) == ("Acme", None)


def test_dates_keep_their_precision() -> None:
    (record,) = jsonresume.parse(
        resume({"basics": {"name": "A"}, "work": [{"name": "X", "startDate": "2019"}]})
    )
    assert record.positions[0].start == PartialDate(2019)


def test_no_name_no_record() -> None:
    assert jsonresume.parse(resume({"basics": {"name": ""}, "work": []})) == []
    assert jsonresume.parse(resume({})) == []


@pytest.mark.parametrize("body", [b"{", b"[]", b'{"basics": "Ada"}'])
def test_malformed_resumes_raise_source_errors(body: bytes) -> None:
    with pytest.raises(SourceError, match=URL):
        jsonresume.parse(Document(url=URL, body=body, fetched_at=FETCHED_AT))
