"""Each event type of contract section 6, table-driven (scenarios in ``diff_scenarios``)."""

from __future__ import annotations

import pytest
from diff_scenarios import SCENARIOS, TODAY, Scenario

from enrichment.diff import diff

CAREER = {"job_change", "promotion", "title_change", "left_company"}


def _subset(actual: object, expected: object) -> bool:
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(
            _subset(actual.get(k), v) for k, v in expected.items()
        )
    if isinstance(expected, list):
        return (
            isinstance(actual, list)
            and len(actual) == len(expected)
            and all(_subset(a, e) for a, e in zip(actual, expected, strict=True))
        )
    return actual == expected


@pytest.mark.parametrize("case", SCENARIOS, ids=lambda c: c.id)
def test_the_changes_a_careful_reader_sees(case: Scenario) -> None:
    result = diff(case.stored, case.pages, today=TODAY)
    assert [c.type for c in result.changes] == [e[0] for e in case.expected]
    for change, (_type, before, after) in zip(result.changes, case.expected, strict=True):
        if before is None:
            assert change.before is None
        else:
            assert _subset(dict(change.before or {}), before), change.before
        if after is not None:
            assert _subset(dict(change.after or {}), after), change.after


@pytest.mark.parametrize("case", SCENARIOS, ids=lambda c: c.id)
def test_leveled_up_is_set_on_job_events_only(case: Scenario) -> None:
    result = diff(case.stored, case.pages, today=TODAY)
    for change in result.changes:
        if change.type in CAREER:
            assert change.leveled_up is case.leveled_up
        else:
            assert change.leveled_up is False


@pytest.mark.parametrize("case", SCENARIOS, ids=lambda c: c.id)
def test_diffing_the_updated_record_again_finds_nothing(case: Scenario) -> None:
    first = diff(case.stored, case.pages, today=TODAY)
    second = diff(first.updated, case.pages, today=TODAY)
    assert second.changes == []
    assert second.updated == first.updated


@pytest.mark.parametrize("case", SCENARIOS, ids=lambda c: c.id)
def test_every_change_has_evidence_years_and_a_fingerprint(case: Scenario) -> None:
    result = diff(case.stored, case.pages, today=TODAY)
    fingerprints = [c.fingerprint for c in result.changes]
    assert len(set(fingerprints)) == len(fingerprints)
    for change in result.changes:
        assert change.fingerprint.startswith(change.type + ":")
        assert change.evidence, change.type
        assert all(e.excerpt for e in change.evidence)
        assert set(change.years_experience) == {"before", "after"}
        assert result.match_for(change) is not None


def test_a_job_change_ends_the_old_job_in_the_updated_record() -> None:
    case = next(s for s in SCENARIOS if s.id.startswith("job_change: the page no longer"))
    updated = diff(case.stored, case.pages, today=TODAY).updated
    by_company = {p.company: p for p in updated.positions}
    assert by_company["Acme"].end is not None and by_company["Acme"].end.isoformat() == "2025-01"
    assert by_company["Globex"].is_current


def test_a_promotion_closes_the_previous_title() -> None:
    case = SCENARIOS[0]
    updated = diff(case.stored, case.pages, today=TODAY).updated
    titles = {(p.title, p.end.isoformat() if p.end else None) for p in updated.positions}
    assert titles == {(SENIOR_T, None), ("Software Engineer", "2025-01")}


SENIOR_T = "Senior Software Engineer"


def test_left_company_has_no_leveled_up_and_no_current_job_after() -> None:
    case = next(s for s in SCENARIOS if s.id.startswith("left_company"))
    result = diff(case.stored, case.pages, today=TODAY)
    assert not any(p.is_current for p in result.updated.positions)
    assert result.changes[0].leveled_up is False


def test_the_updated_record_keeps_skills_education_and_location() -> None:
    case = next(s for s in SCENARIOS if s.id.startswith("several at once"))
    pages = [*case.pages]
    result = diff(case.stored, pages, today=TODAY)
    assert result.updated.skills == ("python", "Go")
    assert [e.institution for e in result.updated.education] == ["Open University"]
    assert result.updated.location == "London, UK"
