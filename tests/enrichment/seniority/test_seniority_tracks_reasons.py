"""Tracks, level names and reasons: every answer explains itself."""

from __future__ import annotations

import pytest

from enrichment.model import Seniority
from enrichment.seniority import LEVEL_NAMES, classify
from enrichment.seniority.rules import MODIFIERS, ROLES

TRACKS = [
    ("Senior Software Engineer", "ic"),
    ("Staff Engineer", "ic"),
    ("Principal Engineer", "ic"),
    ("Product Manager", "ic"),
    ("Professor", "ic"),
    ("Technical Fellow", "ic"),
    ("Team Lead", "management"),
    ("Shift Supervisor", "management"),
    ("Engineering Manager", "management"),
    ("Director of Engineering", "management"),
    ("Head of Product", "management"),
    ("Dean of Engineering", "management"),
    ("Vice President of Sales", "executive"),
    ("CTO", "executive"),
    ("Founder", "executive"),
    ("Managing Director", "executive"),
    ("Geschäftsführer", "executive"),
]


@pytest.mark.parametrize(("title", "track"), TRACKS)
def test_tracks(title: str, track: str) -> None:
    assert classify(title).track == track


def test_scale_names() -> None:
    assert LEVEL_NAMES == (
        "training",
        "entry",
        "mid",
        "senior",
        "lead",
        "manager",
        "director",
        "vp",
        "executive",
    )


@pytest.mark.parametrize(
    "title",
    [
        "Software Engineer",
        "Senior Software Engineer",
        "Sr. SWE @ Meta",
        "Vice President",
        "Intern",
        "Softwareentwickler (m/w/d)",
        "Jefe de ventas",
        "Welder/Fitter",
    ],
)
def test_every_answer_has_reasons(title: str) -> None:
    result = classify(title)
    assert isinstance(result, Seniority)
    assert result.level_name == LEVEL_NAMES[result.level]
    assert result.track in ("ic", "management", "executive")
    assert result.reasons
    # the last reason names the level it decided
    assert result.reasons[-1].endswith(f"→ {result.level}")


def test_reasons_name_the_rule_and_the_modifier() -> None:
    reasons = classify("Senior Software Engineer").reasons
    assert reasons == ("plain title, no rank words → 2", "modifier 'senior' → 3")
    reasons = classify("Senior Engineering Manager").reasons
    assert reasons == ("manager title: 'manager' → 5", "modifier 'senior' → 6")


def test_reasons_name_normalising_steps() -> None:
    reasons = classify("Sr. SWE @ Meta").reasons
    assert "dropped employer '@ Meta'" in reasons
    assert "abbreviation 'Sr' → 'senior'" in reasons


def test_empty_title_is_plain_with_a_reason() -> None:
    result = classify("   ")
    assert result.level == 2
    assert "empty title" in result.reasons[0]


def test_rules_are_labelled_and_named_uniquely() -> None:
    names = [role.name for role in ROLES]
    assert len(names) == len(set(names))
    assert all(role.label for role in ROLES)
    assert all(modifier.name for modifier in MODIFIERS)


def test_modifiers_stay_inside_their_segment() -> None:
    # "senior" describes the residents, not the director
    assert classify("Director, Senior Living").level == 6
    assert classify("Director of Senior Services").level == 6


def test_company_changes_only_context_words() -> None:
    assert classify("Software Engineer", "Goldman Sachs") == classify("Software Engineer")


def test_thousands_of_distinct_titles_are_each_classified() -> None:
    # the speed of this loop is a benchmark figure (python -m benchmarks.titles, "distinct"),
    # not a timed assertion here
    # (numbered from 10: "Engineer 4" and "Engineer 5" are grades, read as such)
    results = [classify(f"Senior Software Engineer {i}", "Acme") for i in range(10, 3010)]
    assert {(r.level, r.track) for r in results} == {(3, "ic")}
    assert all(r.reasons for r in results)
