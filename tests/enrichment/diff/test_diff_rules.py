"""The engine's rules: older pages, reconciling sources, one event per change, qualification."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from diff_scenarios import MANAGER, SE, SENIOR, TODAY, candidate, job, page

from enrichment.diff import GoneSource, diff, profile_gone
from enrichment.events import Match
from enrichment.model import Requisition

GITHUB_URL = "https://api.github.com/users/ada"


# -- an older page never rolls the record back ------------------------------------------------


@pytest.mark.parametrize(
    "positions",
    [
        [job(SE, "Acme", "2019-03")],  # knows nothing of the stored Globex job
        [job(SE, "Acme", "2019-03"), job(SE, "Initech", "2016-01", "2019-02")],
        [job(SE, "Globex", "2019-03")],  # an older title... at a start before the stored one
    ],
    ids=["older job current", "older history", "older job at the same employer"],
)
def test_an_older_page_causes_no_event_and_changes_nothing(positions: list[dict]) -> None:
    stored = candidate([job(SE, "Acme", "2019-03", "2024-12"), job(SENIOR, "Globex", "2025-01")])
    result = diff(stored, [page(positions, skills=["Cobol"])], today=TODAY)
    assert result.changes == []
    if positions[0]["company"] == "Acme":
        assert result.updated == stored
        assert result.notes and "older" in result.notes[0]


def test_an_undated_page_older_than_the_record_is_ignored_with_stored_as_of() -> None:
    stored = candidate([job(None, "Heroku")])
    old = page(
        [job(None, "Rackspace")], fetched_at="2014-09-01T00:00:00Z", kind="github", url=GITHUB_URL
    )
    as_of = datetime(2018, 8, 18, tzinfo=UTC)
    assert diff(stored, [old], today=TODAY, stored_as_of=as_of).changes == []
    # without knowing when the record was verified, an undated page speaks for its fetch day
    assert [c.type for c in diff(stored, [old], today=TODAY).changes] == ["job_change"]


def test_an_ended_job_is_not_reopened_by_a_page_showing_it_current() -> None:
    stored = candidate([job(SE, "Acme", "2019-03", "2025-06")])
    result = diff(stored, [page([job(SE, "Acme", "2019-03")])], today=TODAY)
    assert result.changes == []
    assert result.updated.positions[0].end is not None


def test_an_older_title_at_the_current_employer_is_ignored() -> None:
    stored = candidate([job(SENIOR, "Acme", "2025-01")])
    pages = [page([job(SE, "Acme", "2019-03"), job(SE, "Initech", "2026-01", "2026-06")])]
    assert diff(stored, pages, today=TODAY).changes == []


# -- several sources --------------------------------------------------------------------------


def test_disagreeing_sources_the_most_recent_dated_evidence_wins_and_all_is_evidence() -> None:
    stored = candidate([job(SE, "Acme", "2019-03")])
    old = page([job(SE, "Acme", "2019-03")], fetched_at="2026-11-20T00:00:00Z")
    new = page(
        [job(SENIOR, "Acme Ltd", "2025-01")],
        kind="website",
        url="https://ada.example/",
        fetched_at="2026-11-01T00:00:00Z",
    )
    result = diff(stored, [old, new], today=TODAY)
    assert [c.type for c in result.changes] == ["promotion"]
    evidence = result.changes[0].evidence
    assert [e.kind for e in evidence] == ["jsonresume", "website"]  # newest fetch first
    assert evidence[1].excerpt == "Senior Software Engineer, Acme Ltd, 2025-01"
    current = [p for p in result.updated.positions if p.is_current]
    assert [p.title for p in current] == [SENIOR]
    assert diff(result.updated, [old, new], today=TODAY).changes == []


def test_a_github_company_and_a_resume_naming_the_same_new_job_are_one_event() -> None:
    stored = candidate([job(SE, "Acme", "2019-03")])
    resume = page([job(MANAGER, "Globex Inc.", "2025-01")])
    github = page(
        [job(None, "@globex")], score=0.9, method="github_login", kind="github", url=GITHUB_URL
    )
    result = diff(stored, [github, resume], today=TODAY)
    assert [c.type for c in result.changes] == ["job_change"]
    change = result.changes[0]
    assert change.after is not None and change.after["title"] == MANAGER
    assert {e.kind for e in change.evidence} == {"github", "jsonresume"}
    assert result.match_for(change) == Match(0.97, "profile_url")


def test_the_same_change_from_another_source_has_the_same_fingerprint() -> None:
    stored = candidate([job(SE, "Acme", "2019-03")])
    one = page([job(SENIOR, "Acme Ltd", "2025-01")])
    other = page(
        [job("Sr. Software Engineer", "ACME", "2025-01-15")],
        kind="website",
        url="https://ada.example/about",
    )
    first = diff(stored, [one], today=TODAY).changes
    second = diff(stored, [other], today=TODAY).changes
    assert [c.fingerprint for c in first] == [c.fingerprint for c in second]
    assert first[0].evidence != second[0].evidence


def test_a_change_seen_again_in_a_later_run_is_not_a_second_event() -> None:
    stored = candidate([job(SE, "Acme", "2019-03")])
    first = diff(stored, [page([job(SENIOR, "Acme Ltd", "2025-01")])], today=TODAY)
    later = page(
        [job("Sr. Software Engineer", "ACME", "2025-01")],
        kind="website",
        url="https://ada.example/",
        fetched_at="2026-12-24T00:00:00Z",
    )
    assert diff(first.updated, [later], today=TODAY).changes == []


def test_new_skills_from_two_sources_are_one_event() -> None:
    stored = candidate([job(SE, "Acme", "2019-03")], skills=["Python"])
    pages = [
        page([], skills=["python", "Rust"]),
        page([], skills=["rust", "golang"], kind="github", url=GITHUB_URL),
    ]
    changes = diff(stored, pages, today=TODAY).changes
    assert [c.type for c in changes] == ["new_skill"]
    assert changes[0].after == {"skills": ["Rust", "Go"]}
    assert len(changes[0].evidence) == 2


# -- leveled_up, years, qualification ---------------------------------------------------------


def test_leveled_up_uses_the_highest_current_level() -> None:
    # a side job at a lower level does not lower, nor raise, the person's level
    stored = candidate([job(SENIOR, "Acme", "2019-03")])
    result = diff(
        stored, [page([job(SENIOR, "Acme", "2019-03"), job(SE, "Globex", "2025-01")])], today=TODAY
    )
    assert [c.type for c in result.changes] == ["job_change"]
    assert result.changes[0].leveled_up is False


def test_someone_between_jobs_is_compared_with_the_job_they_left() -> None:
    stored = candidate([job(SE, "Acme", "2019-03", "2024-06")])
    result = diff(stored, [page([job(MANAGER, "Globex", "2025-01")])], today=TODAY)
    assert [c.type for c in result.changes] == ["job_change"]
    assert result.changes[0].before is not None and result.changes[0].before["company"] == "Acme"
    assert result.changes[0].leveled_up is True


def test_years_of_experience_before_and_after() -> None:
    stored = candidate([job(SE, "Acme", "2019-03")])
    result = diff(
        stored,
        [page([job(SE, "Acme", "2019-03"), job(SE, "Initech", "2015-03", "2019-02")])],
        today=TODAY,
        stored_as_of=datetime(2023, 3, 1, tzinfo=UTC),
    )
    assert result.changes == []  # history only
    stored_new = candidate([job(SE, "Acme", "2019-03")])
    promoted = diff(
        stored_new,
        [page([job(SENIOR, "Acme", "2025-01")])],
        today=TODAY,
        stored_as_of=datetime(2023, 3, 1, tzinfo=UTC),
    )
    assert dict(promoted.changes[0].years_experience) == {"before": 4.0, "after": 7.7}


REQS = [
    Requisition(
        "R-9",
        "Senior Backend Engineer",
        level=3,
        min_years=3,
        skills=("python",),
        location="London",
    ),
    Requisition("R-10", "Senior Platform Engineer", level=3, skills=("python",), status="closed"),
    Requisition("R-11", "Backend Engineer", level=2, skills=("python",)),
    Requisition("R-12", "Platform Engineer", level=2, skills=("Kubernetes",), location="Remote"),
    Requisition("R-13", "Engineering Director", level=None, location="London"),
]


def test_qualifies_for_lists_open_reqs_met_now_and_not_before() -> None:
    stored = candidate([job(SE, "Acme", "2019-03")], skills=["Python"])
    pages = [page([job(SENIOR, "Acme", "2025-01")], skills=["python", "k8s"])]
    result = diff(stored, pages, requisitions=REQS, today=TODAY)
    by_type = {c.type: c for c in result.changes}
    assert list(by_type["promotion"].qualifies_for) == [
        {"req_id": "R-9", "title": "Senior Backend Engineer", "level": 3}
    ]
    assert list(by_type["new_skill"].qualifies_for) == [
        {"req_id": "R-12", "title": "Platform Engineer", "level": 2}
    ]


def test_qualifies_for_is_empty_without_requisitions_or_when_nothing_new_is_met() -> None:
    stored = candidate([job(SENIOR, "Acme", "2019-03")], skills=["Python"])
    pages = [page([job(MANAGER, "Acme", "2025-01")])]
    result = diff(stored, pages, requisitions=REQS[:4], today=TODAY)
    assert [c.type for c in result.changes] == ["promotion"]
    assert result.changes[0].qualifies_for == ()


# -- profile_gone -----------------------------------------------------------------------------


def test_profile_gone_is_one_change_per_candidate_listing_every_source() -> None:
    ada = candidate([job(SE, "Acme", "2019-03")])
    checked = datetime(2026, 11, 26, 2, 14, 9, tzinfo=UTC)
    github = GoneSource("github", identifier="ada", http_status=404, checked_at=checked)
    site = GoneSource("website", url="https://ada.example/", http_status=410)
    one = profile_gone(ada, [github], today=TODAY)
    again = profile_gone(
        ada, [GoneSource("github", identifier="ada", http_status=410)], today=TODAY
    )
    both = profile_gone(ada, [site, github], today=TODAY)
    assert one.type == "profile_gone" and one.leveled_up is False
    assert one.fingerprint == again.fingerprint != both.fingerprint
    assert both.fingerprint == profile_gone(ada, [github, site], today=TODAY).fingerprint
    assert one.before is not None and one.before["sources"][0]["identifier"] == "ada"
    assert both.before is not None and [s["kind"] for s in both.before["sources"]] == [
        "github",
        "website",
    ]
    assert len(both.evidence) == 2
    assert one.evidence[0].excerpt is not None and "404" in one.evidence[0].excerpt
    assert one.years_experience["before"] == one.years_experience["after"]
    with pytest.raises(ValueError):
        profile_gone(ada, [GoneSource("website")], today=TODAY)
    with pytest.raises(ValueError):
        profile_gone(ada, [], today=TODAY)


def test_an_older_page_next_to_a_newer_one_is_ignored_and_kept_as_evidence() -> None:
    stored = candidate([job(SE, "Acme", "2019-03")])
    new = page([job(SENIOR, "Globex", "2025-01"), job(SE, "Acme", "2019-03", "2024-12")])
    old = page(
        [job(SE, "Initech", "2012-01"), job(SE, "Globex", "2010-01", "2011-12")],
        kind="website",
        url="https://ada.example/2012/",
        skills=["Cobol"],
    )
    result = diff(stored, [old, new], today=TODAY)
    assert [c.type for c in result.changes] == ["job_change"]
    assert "Initech" not in {p.company for p in result.updated.positions}
    assert {e.url for e in result.changes[0].evidence} == {
        "https://ada.example/resume.json",
        "https://ada.example/2012/",
    }
    assert result.notes == [
        "https://ada.example/2012/: older than the stored record (predates a stored job); ignored"
    ]


def test_two_new_employers_at_once_are_two_job_changes_from_the_same_job() -> None:
    stored = candidate([job(SE, "Acme", "2019-03")])
    pages = [page([job(SENIOR, "Globex", "2025-01"), job(MANAGER, "Initech", "2025-06")])]
    changes = diff(stored, pages, today=TODAY).changes
    assert [c.type for c in changes] == ["job_change", "job_change"]
    assert {c.after["company"] for c in changes if c.after} == {"Globex", "Initech"}
    assert all(c.before and c.before["company"] == "Acme" for c in changes)
    assert changes[0].fingerprint != changes[1].fingerprint


def test_a_first_look_at_a_record_without_jobs_reports_the_job_found() -> None:
    stored = candidate([])
    changes = diff(stored, [page([job(SE, "Acme", "2019-03")])], today=TODAY).changes
    assert [c.type for c in changes] == ["job_change"]
    assert changes[0].before is None and changes[0].leveled_up is False
