"""Issue 5 acceptance: real dated documents of two people, each version diffed against the last.

Read with the MANIFEST.md descriptions (``tests/fixtures``):

- Thomas Davis's JSON Resume. 2016 -> 2018: a new job, Developer at Blockbid (2018-03); his
  EFF, Taskforce.is and BackboneTutorials roles ended (said by the job change, no
  ``left_company``); Listium 2016-2018 came and went (history); new skills React, Redux,
  Postgres, DynamoDb; Brisbane -> Melbourne (no event type; the record follows). 2018 -> 2023:
  a new job, Senior Javascript Developer at Tokenized (2020-05); Blockbid ended 2020-01 (its
  title, now "Senior Javascript Developer", is history of a job that has ended: the job change
  says it, no separate promotion); new skills.
- Ian Cordasco's GitHub user: Bendyworks -> Rackspace -> @heroku, two job changes; the name
  and blog changes are no events.

The records come from the project's parsers (``crawler.parsers.jsonresume`` and ``.github``).
"""

from __future__ import annotations

from datetime import date

import pytest
from diff_fixture_series import (
    GITHUB,
    RESUMES,
    fetched,
    github,
    linked,
    resume,
    stored_from,
)

from enrichment.diff import DiffResult, diff
from enrichment.events import event_dict
from enrichment.seniority import classify
from enrichment.skills import skill_keys

D2016, D2018, D2023 = sorted(RESUMES)
G2013, G2014, G2018 = sorted(GITHUB)


def _resume_step(before: date, after: date) -> DiffResult:
    return diff(
        stored_from(resume(before), "thomasdavis"),
        [linked(resume(after))],
        today=after,
        stored_as_of=fetched(before),
    )


def _github_step(before: date, after: date) -> DiffResult:
    return diff(
        stored_from(github(before), "sigmavirus24"),
        [linked(github(after))],
        today=after,
        stored_as_of=fetched(before),
    )


def _founder_level() -> int:
    # his founder roles stay current throughout; they set his highest current level
    return max(classify(t).level for t in ("Co-Founder", "Founder"))


def test_thomas_davis_2016_to_2018_blockbid_and_new_skills() -> None:
    result = _resume_step(D2016, D2018)
    assert [c.type for c in result.changes] == ["job_change", "new_skill"]
    job, skills = result.changes
    assert job.before is not None and job.after is not None
    assert job.before["company"] == "Electronic Frontier Foundation"
    assert job.before["title"] == "Developer"
    assert {k: job.after[k] for k in ("title", "company", "start")} == {
        "title": "Developer",
        "company": "Blockbid",
        "start": "2018-03-01",
    }
    assert job.leveled_up is (classify("Developer").level > _founder_level())
    assert skills.after is not None
    assert skill_keys(skills.after["skills"]) == skill_keys(
        ["React", "Redux", "Postgres", "DynamoDb"]
    )
    assert job.evidence[0].url == "https://registry.jsonresume.org/thomasdavis.json"
    updated = result.updated
    assert updated.location == "Melbourne, AU"
    ended = {p.company for p in updated.positions if not p.is_current}
    assert {"Electronic Frontier Foundation", "Taskforce.is", "BackboneTutorials.com"} <= ended
    assert "Listium" in ended
    current = {p.company for p in updated.positions if p.is_current}
    assert current == {"Blockbid", "Cdnjs", "JSON Resume", "Drone Hire"}


def test_thomas_davis_2018_to_2023_tokenized() -> None:
    result = _resume_step(D2018, D2023)
    assert [c.type for c in result.changes] == ["job_change", "new_skill"]
    job, skills = result.changes
    assert job.before is not None and job.after is not None
    assert (job.before["title"], job.before["company"]) == ("Developer", "Blockbid")
    assert {k: job.after[k] for k in ("title", "company", "level", "start")} == {
        "title": "Senior Javascript Developer",
        "company": "Tokenized",
        "level": classify("Senior Javascript Developer").level,
        "start": "2020-05-05",
    }
    expected = ["TypeScript", "Next.js", "Apollo", "Python", "Redis", "AWS", "GCP", "Heroku"]
    assert skills.after is not None
    assert skill_keys(expected) <= skill_keys(skills.after["skills"])
    assert not skill_keys(["Javascript", "React", "Redux", "Node", "Postgres"]) & skill_keys(
        skills.after["skills"]
    )
    blockbid = next(p for p in result.updated.positions if p.company == "Blockbid")
    assert blockbid.title == "Senior Javascript Developer"
    assert blockbid.end is not None and blockbid.end.isoformat() == "2020-01-01"


def test_ian_cordasco_bendyworks_to_rackspace_to_heroku() -> None:
    first = _github_step(G2013, G2014)
    assert [c.type for c in first.changes] == ["job_change"]
    assert first.changes[0].before is not None and first.changes[0].after is not None
    assert first.changes[0].before["company"] == "Bendyworks"
    assert first.changes[0].after["company"] == "Rackspace"
    assert first.changes[0].leveled_up is False  # no titles, no levels

    second = _github_step(G2014, G2018)
    assert [c.type for c in second.changes] == ["job_change"]
    assert second.changes[0].before is not None and second.changes[0].after is not None
    assert second.changes[0].before["company"] == "Rackspace"
    assert second.changes[0].after["company"].lower() == "heroku"
    assert second.changes[0].evidence[0].kind == "github"


@pytest.mark.parametrize(
    ("step", "before", "after"),
    [
        (_resume_step, D2016, D2018),
        (_resume_step, D2018, D2023),
        (_github_step, G2013, G2014),
        (_github_step, G2014, G2018),
    ],
)
def test_each_step_is_idempotent(step, before: date, after: date) -> None:  # type: ignore[no-untyped-def]
    result = step(before, after)
    page = resume(after) if step is _resume_step else github(after)
    again = diff(result.updated, [linked(page)], today=after, stored_as_of=fetched(after))
    assert again.changes == []


def test_the_whole_series_in_one_record() -> None:
    """Run after run on one stored record: each version's changes, then nothing more."""
    stored = stored_from(github(G2013), "sigmavirus24")
    seen: list[str] = []
    for day in (G2014, G2018, G2018):
        result = diff(stored, [linked(github(day))], today=day)
        seen += [c.type for c in result.changes]
        stored = result.updated
    assert seen == ["job_change", "job_change"]
    companies = [(p.company, p.is_current) for p in stored.positions]
    assert companies == [("Bendyworks", False), ("Rackspace", False), ("Heroku", True)]


@pytest.mark.parametrize(
    ("newer", "older", "kind"),
    [(D2023, D2016, "resume"), (D2023, D2018, "resume"), (G2018, G2013, "github")],
)
def test_an_older_version_never_rolls_the_record_back(newer: date, older: date, kind: str) -> None:
    get = resume if kind == "resume" else github
    stored = stored_from(get(newer), "person")
    result = diff(stored, [linked(get(older))], today=newer, stored_as_of=fetched(newer))
    assert result.changes == []
    assert result.updated == stored


def test_the_events_are_the_contract_json() -> None:
    result = _resume_step(D2018, D2023)
    stored = stored_from(resume(D2018), "thomasdavis")
    change = result.changes[0]
    event = event_dict(change, stored, match=result.match_for(change), detected_at=fetched(D2023))
    assert event["type"] == "job_change"
    assert event["candidate"] == {"external_id": "thomasdavis", "full_name": "Thomas Davis"}
    assert event["match"] == {"score": 1.0, "method": "profile_url"}
    assert event["evidence"][0]["excerpt"] == "Senior Javascript Developer, Tokenized, 2020-05-05"
    assert event["detected_at"] == "2023-05-18T02:14:09Z"
