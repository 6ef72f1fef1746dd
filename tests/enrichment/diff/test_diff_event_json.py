"""Event ids and the event JSON of contract section 6 (``enrichment.events``)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from diff_scenarios import SCENARIOS, TODAY

from enrichment.diff import diff
from enrichment.events import Match, event_dict, event_id

CONTRACT_KEYS = [
    "id",
    "type",
    "leveled_up",
    "candidate",
    "before",
    "after",
    "years_experience",
    "qualifies_for",
    "evidence",
    "match",
    "detected_at",
    "status",
]
ID = re.compile(r"^evt_[0-9A-HJKMNP-TV-Z]{26}$")


def test_event_id_is_stable_and_crockford() -> None:
    one = event_id("ats-123", "promotion:abc")
    assert ID.match(one)
    assert one == event_id("ats-123", "promotion:abc")
    assert one != event_id("ats-124", "promotion:abc")
    assert one != event_id("ats-123", "promotion:abd")


def test_event_dict_is_the_contract_shape() -> None:
    case = SCENARIOS[0]  # the promotion
    result = diff(case.stored, case.pages, today=TODAY)
    change = result.changes[0]
    detected = datetime(2026, 11, 26, 2, 14, 11, tzinfo=UTC)
    event = event_dict(change, case.stored, match=result.match_for(change), detected_at=detected)
    assert list(event) == CONTRACT_KEYS
    assert event["id"] == event_id("ats-123", change.fingerprint)
    assert event["type"] == "promotion" and event["leveled_up"] is True
    assert event["candidate"] == {"external_id": "ats-123", "full_name": "Ada Lovelace"}
    assert event["before"] == {
        "title": "Software Engineer",
        "company": "Acme",
        "level": 2,
        "level_name": "mid",
    }
    assert event["after"] == {
        "title": "Senior Software Engineer",
        "company": "Acme",
        "level": 3,
        "level_name": "senior",
        "start": "2025-01",
    }
    assert set(event["years_experience"]) == {"before", "after"}
    assert event["qualifies_for"] == []
    assert event["evidence"] == [
        {
            "kind": "jsonresume",
            "url": "https://ada.example/resume.json",
            "fetched_at": "2026-11-26T02:14:09Z",
            "excerpt": "Senior Software Engineer, Acme Ltd, 2025-01",
        }
    ]
    assert event["match"] == {"score": 0.97, "method": "profile_url"}
    assert event["detected_at"] == "2026-11-26T02:14:11Z"
    assert event["status"] == "new"
    json.dumps(event)  # plain JSON


def test_the_same_change_has_the_same_id_in_every_run() -> None:
    case = SCENARIOS[0]
    detected = datetime(2026, 11, 26, tzinfo=UTC)
    ids = {
        event_dict(c, case.stored, match=Match(1.0, "x"), detected_at=detected)["id"]
        for _ in range(3)
        for c in diff(case.stored, case.pages, today=TODAY).changes
    }
    assert len(ids) == 1


def test_event_dict_takes_a_plain_match_and_a_status() -> None:
    case = SCENARIOS[0]
    change = diff(case.stored, case.pages, today=TODAY).changes[0]
    detected = datetime(2026, 11, 26, tzinfo=UTC)
    event = event_dict(
        change,
        case.stored,
        match={"score": 0.8, "method": "name_employer"},
        detected_at=detected,
        status="acked",
    )
    assert event["match"] == {"score": 0.8, "method": "name_employer"}
    assert event["status"] == "acked"
