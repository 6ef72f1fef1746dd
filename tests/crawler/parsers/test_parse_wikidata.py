"""Wikidata: batched label look-ups, labels from related documents, time precision, ranks."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from parser_golden import FETCHED_AT, document

from crawler.parsers import Document, wikidata
from crawler.parsers._dates import wikidata_time
from enrichment.dates import PartialDate
from enrichment.errors import SourceError

URL = "https://www.wikidata.org/wiki/Special:EntityData/Q1.json"
Q42 = "wikidata/wbgetentities_Q42_Douglas-Adams_rev1132843005_2020-03-09.json"


def time(value: str, precision: int) -> dict[str, Any]:
    return {"snaktype": "value", "datavalue": {"value": {"time": value, "precision": precision}}}


def item(qid: str) -> dict[str, Any]:
    return {"snaktype": "value", "datavalue": {"value": {"entity-type": "item", "id": qid}}}


def statement(target: str, rank: str = "normal", **qualifiers: dict[str, Any]) -> dict[str, Any]:
    return {
        "mainsnak": item(target),
        "rank": rank,
        "qualifiers": {prop: [snak] for prop, snak in qualifiers.items()},
    }


def entity(claims: dict[str, Any], labels: dict[str, Any] | None = None) -> Document:
    data = {
        "entities": {
            "Q1": {
                "id": "Q1",
                "labels": labels if labels is not None else {"en": {"value": "Ada Example"}},
                "claims": claims,
            }
        }
    }
    return Document(url=URL, body=json.dumps(data).encode(), fetched_at=FETCHED_AT)


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        ("+1977-00-00T00:00:00Z", 9, PartialDate(1977)),
        ("+1974-01-01T00:00:00Z", 9, PartialDate(1974)),
        ("+1985-01-06T00:00:00Z", 10, PartialDate(1985, 1)),
        ("+1985-01-06T00:00:00Z", 11, PartialDate(1985, 1, 6)),
        ("+1970-00-00T00:00:00Z", 8, None),  # a decade
        ("-0044-03-15T00:00:00Z", 11, None),  # before the common era
    ],
)
def test_time_values_keep_their_precision(
    value: str, precision: int, expected: PartialDate | None
) -> None:
    assert wikidata_time({"time": value, "precision": precision}) == expected


def test_requires_batches_fifty_ids_per_url_on_the_configured_api() -> None:
    claims = {"P39": [statement(f"Q{n}") for n in range(100, 175)]}
    doc = entity(claims)
    doc = Document(
        doc.url, doc.body, doc.fetched_at, context={"wikidata_api": "https://wd.test/w/api.php"}
    )
    urls = wikidata.requires(doc)
    assert len(urls) == 2
    first = parse_qs(urlsplit(urls[0]).query)
    assert urls[0].startswith("https://wd.test/w/api.php?")
    assert first["action"] == ["wbgetentities"] and first["props"] == ["labels"]
    assert len(first["ids"][0].split("|")) == 50
    assert len(parse_qs(urlsplit(urls[1]).query)["ids"][0].split("|")) == 25


def test_labels_come_from_the_related_documents() -> None:
    claims = {"P108": [statement("Q42", P580=time("+2001-05-00T00:00:00Z", 10))]}
    doc = entity(claims)
    (label_url,) = wikidata.requires(doc)
    related = document(Q42, label_url)
    with_labels = Document(doc.url, doc.body, doc.fetched_at, related={label_url: related})
    (record,) = wikidata.parse(with_labels)
    (job,) = record.positions
    assert (job.title, job.company, job.start) == (None, "Douglas Adams", PartialDate(2001, 5))
    (without,) = wikidata.parse(doc)  # no labels fetched: the QID stands in
    assert without.positions[0].company == "Q42"


def test_statements_that_cannot_be_placed_in_time_are_left_out() -> None:
    claims = {
        "P39": [
            statement("Q10"),  # undated: dropped
            statement("Q11", P580=time("+2020-00-00T00:00:00Z", 9)),  # current
            statement("Q12", rank="deprecated", P580=time("+2019-00-00T00:00:00Z", 9)),
        ]
    }
    (record,) = wikidata.parse(entity(claims))
    assert [(p.title, p.is_current) for p in record.positions] == [("Q11", True)]
    claims["P570"] = [
        {"mainsnak": time("+2023-01-01T00:00:00Z", 11), "rank": "normal"}
    ]  # once dead, nothing is current
    (record,) = wikidata.parse(entity(claims))
    assert record.positions == ()


def test_label_in_any_language_when_there_is_no_english() -> None:
    (record,) = wikidata.parse(
        entity({}, labels={"da": {"language": "da", "value": "Ada Eksempel"}})
    )
    assert record.full_name == "Ada Eksempel"
    assert wikidata.parse(entity({}, labels={})) == []


def test_golden_entity_still_has_its_qid() -> None:
    (record,) = wikidata.parse(document(Q42, "https://www.wikidata.org/w/api.php?ids=Q42"))
    assert record.identifiers == {"wikidata": "Q42"}


@pytest.mark.parametrize("body", [b"{", b"[]", b'{"foo": 1}', b'{"entities": []}'])
def test_malformed_entities_raise_source_errors(body: bytes) -> None:
    with pytest.raises(SourceError, match="Special:EntityData"):
        wikidata.parse(Document(url=URL, body=body, fetched_at=FETCHED_AT))


def test_missing_labels_are_reported(caplog: pytest.LogCaptureFixture) -> None:
    claims = {"P108": [statement("Q42", P580=time("+2001-00-00T00:00:00Z", 9))]}
    with caplog.at_level("WARNING", logger="crawler.parsers.wikidata"):
        wikidata.parse(entity(claims))
    assert "no labels for Q42" in caplog.text
