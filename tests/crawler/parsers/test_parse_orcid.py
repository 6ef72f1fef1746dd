"""ORCID: impossible dates, responses without a person, XML, malformed input."""

from __future__ import annotations

import json

import pytest
from parser_golden import FETCHED_AT, document

from crawler.parsers import Document, orcid
from enrichment.dates import PartialDate
from enrichment.errors import SourceError

BASE = "https://pub.orcid.org/v3.0"
CARBERRY = "orcid/orcid-v3.0_record_0000-0002-1825-0097_josiah-carberry.json"


def test_impossible_dates_are_kept_as_written() -> None:
    (record,) = orcid.parse(document(CARBERRY, f"{BASE}/0000-0002-1825-0097/record"))
    starts = {p.company: p.start for p in record.positions}
    assert starts["Brown University"] == PartialDate(1929, 2, 29)
    assert starts["Brown University"].precision == "day"
    assert starts["Wesleyan University"] == PartialDate(1930, 2, 29)
    assert record.identifiers["orcid"] == "0000-0002-1825-0097"


def test_a_works_list_has_no_person() -> None:
    doc = document(
        "orcid/rorcid_v3.0_works_empty_0000-0003-1620-1408.json",
        f"{BASE}/0000-0003-1620-1408/works",
    )
    assert orcid.parse(doc) == []


def test_employments_alone_need_a_name_from_the_source_row() -> None:
    url = f"{BASE}/8888-8888-8888-8880/employments"
    assert orcid.parse(document("orcid/orcid-model_employments-3.0.xml", url)) == []
    (record,) = orcid.parse(
        document("orcid/orcid-model_employments-3.0.xml", url, context={"full_name": "User One"})
    )
    assert record.full_name == "User One"


def test_credit_name_when_there_are_no_given_and_family_names() -> None:
    body = {
        "orcid-identifier": {"path": "0000-0001-2345-6789"},
        "person": {"name": {"credit-name": {"value": "J. Doe"}}},
    }
    doc = Document(url=f"{BASE}/x/record", body=json.dumps(body).encode(), fetched_at=FETCHED_AT)
    (record,) = orcid.parse(doc)
    assert record.full_name == "J. Doe"
    assert record.profile_id == "orcid:0000-0001-2345-6789"


def test_partial_and_broken_date_parts() -> None:
    body = {
        "path": "/0000-0001-2345-6789/employments",
        "affiliation-group": [
            {
                "summaries": [
                    {
                        "employment-summary": {
                            "role-title": "Lecturer",
                            "organization": {"name": "Uni"},
                            "start-date": {"year": {"value": "2001"}, "month": None},
                            "end-date": {"year": {"value": "20x1"}},
                        }
                    }
                ]
            }
        ],
    }
    doc = Document(
        url=f"{BASE}/0000-0001-2345-6789/employments",
        body=json.dumps(body).encode(),
        fetched_at=FETCHED_AT,
        context={"full_name": "A Person"},
    )
    (record,) = orcid.parse(doc)
    (job,) = record.positions
    assert (job.start, job.end) == (PartialDate(2001), None)


@pytest.mark.parametrize(
    "body",
    [b"{oops", b"[]", b"<record><unclosed></record>", b'{"unrelated": true}'],
)
def test_unreadable_responses_raise_source_errors(body: bytes) -> None:
    url = f"{BASE}/0000-0001-2345-6789/record"
    with pytest.raises(SourceError, match="0000-0001-2345-6789/record"):
        orcid.parse(Document(url=url, body=body, fetched_at=FETCHED_AT))


def test_a_response_without_an_orcid_id_is_an_error() -> None:
    body = {"person": {"name": {"given-names": {"value": "A"}}}}
    doc = Document(url="https://x.example/", body=json.dumps(body).encode(), fetched_at=FETCHED_AT)
    with pytest.raises(SourceError, match="no ORCID iD"):
        orcid.parse(doc)
