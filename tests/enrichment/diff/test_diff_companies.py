"""Employers and titles compared normalised (``enrichment.companies``, the diff's title key)."""

from __future__ import annotations

import pytest

from enrichment.companies import company_display, company_key, same_company
from enrichment.diff._positions import title_key

SAME = [
    ("Acme Ltd", "Acme"),
    ("ACME, Inc.", "acme"),
    ("Acme Corp.", "Acme Corporation"),
    ("@heroku", "Heroku"),
    ("@acme-corp", "Acme Corp"),
    ("Acme GmbH", "Acme"),
    ("Acme Pty Ltd", "Acme"),
    ("Acme & Co", "Acme"),
    ("Acme (acquired by Globex)", "Acme"),
    ("Salesforce.com, Inc.", "Salesforce"),
    ("Taskforce.is", "Taskforce"),
    ("BackboneTutorials.com", "Backbone Tutorials"),
    ("The University of Queensland", "University of Queensland"),
    ("Zürich Versicherung AG", "Zurich Versicherung"),
]
DIFFERENT = [
    ("Acme", "Acme Holdings"),
    ("Globex", "Acme"),
    ("Amazon", "Amazon Web Services"),
]


@pytest.mark.parametrize(("a", "b"), SAME, ids=[f"{a}={b}" for a, b in SAME])
def test_same_employer(a: str, b: str) -> None:
    assert same_company(a, b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT, ids=[f"{a}!={b}" for a, b in DIFFERENT])
def test_different_employers(a: str, b: str) -> None:
    assert not same_company(a, b)


def test_edge_cases() -> None:
    assert company_key(None) == ""
    assert not same_company(None, None)
    assert company_key("Ltd") == "ltd"  # a name that is only a legal form keeps it
    assert company_display("@heroku") == "heroku"
    assert company_display("  Acme   Ltd ") == "Acme Ltd"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sr. Software Engineer", "Senior Software Engineer"),
        ("senior  software engineer", "Senior Software Engineer"),
        ("Senior JavaScript Developer", "Senior Javascript Developer"),
        ("Eng. Mgr", "Engineer Manager"),
        ("R&D Lead", "R and D Lead"),
    ],
)
def test_titles_compared_normalised(a: str, b: str) -> None:
    assert title_key(a) == title_key(b)


def test_titles_that_differ() -> None:
    assert title_key("Software Engineer") != title_key("Senior Software Engineer")
    assert title_key("C++ Developer") != title_key("C Developer")
