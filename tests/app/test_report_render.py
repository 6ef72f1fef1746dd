"""The report renderers: the contract's shapes, and scraped text always escaped."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from medalist.report import CSV_COLUMNS, render

EVENT: dict[str, Any] = {
    "id": "evt_01JABCDEFGHJKMNPQRSTVWXYZ0",
    "type": "promotion",
    "leveled_up": True,
    "candidate": {"external_id": "ats-123", "full_name": "Ada <script>alert(1)</script>"},
    "before": {"title": "Software Engineer", "company": "Acme", "level": 2, "level_name": "mid"},
    "after": {
        "title": "Senior Software Engineer",
        "company": "Acme",
        "level": 3,
        "level_name": "senior",
        "start": "2025-01",
    },
    "years_experience": {"before": 4.2, "after": 6.0},
    "qualifies_for": [{"req_id": "R-9", "title": "Senior Backend Engineer", "level": 3}],
    "evidence": [
        {
            "kind": "website",
            "url": "javascript:alert(1)",
            "fetched_at": "2026-11-26T02:14:09Z",
            "excerpt": "Senior Software Engineer, Acme, 2025-01",
        },
        {
            "kind": "jsonresume",
            "url": "https://ada.example/r.json",
            "fetched_at": None,
            "excerpt": None,
        },
    ],
    "match": {"score": 0.97, "method": "profile_url"},
    "detected_at": "2026-11-26T02:14:11Z",
    "status": "new",
}


def test_json_is_an_array_of_events() -> None:
    assert json.loads(render([EVENT], "json")) == [EVENT]


def test_csv_flattens_every_field() -> None:
    rows = list(csv.DictReader(io.StringIO(render([EVENT], "csv"))))
    assert len(rows) == 1
    row = rows[0]
    assert tuple(row) == CSV_COLUMNS
    assert row["after.level_name"] == "senior"
    assert row["leveled_up"] == "true"
    assert row["qualifies_for"] == "R-9"
    assert row["evidence.urls"] == "javascript:alert(1); https://ada.example/r.json"
    assert row["years_experience.after"] == "6.0"


def test_html_escapes_scraped_text_and_links_only_http() -> None:
    page = render([EVENT], "html")
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page
    assert 'href="https://ada.example/r.json"' in page
    assert "R-9 · Senior Backend Engineer" in page


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown report format"):
        render([EVENT], "xml")


@pytest.mark.parametrize(
    "hostile",
    ['=HYPERLINK("http://x","y")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1"],
)
def test_csv_neutralises_formula_cells(hostile: str) -> None:
    event = {**EVENT, "after": {**EVENT["after"], "title": hostile, "company": hostile}}
    event["candidate"] = {"external_id": "ats-1", "full_name": hostile}
    (row,) = csv.DictReader(io.StringIO(render([event], "csv"), newline=""))
    for column in ("candidate.full_name", "after.title", "after.company"):
        assert row[column] == "'" + hostile.replace("\r", "\n")
    assert row["after.level"] == "3"  # numbers are left alone


def test_csv_keeps_ordinary_text() -> None:
    (row,) = csv.DictReader(io.StringIO(render([EVENT], "csv")))
    assert row["after.title"] == "Senior Software Engineer"
