"""The diff engine: a stored candidate and the profiles linked to it -> changes and the new record.

Rules (contract section 6, and what a careful recruiter reads):

1. **Older pages are ignored.** A profile that does not know a job the stored record (or
   another linked profile) knows, and whose newest dated information predates that job's
   start, is an older page: it causes no event and changes nothing (``DiffResult.notes`` says
   so). An end date, once stored, is never taken away nor moved earlier.
2. **Sources are reconciled per job.** Observations of the same job (same employer, normalised;
   compatible title and start) are merged, the newest fetch winning each field. Several current
   jobs at one employer: the most recent dated evidence (start date, then fetch time) is the
   current one, the others end when it began.
3. **Events** compare the stored current jobs with the reconciled ones:

   - ``job_change``: a current job at an employer where the stored record has no current job
     (nor an ended job that this one predates; a return after leaving is a job change). It
     already says the person left: stored current jobs the web ended, or no longer mentions,
     end with it (no extra ``left_company``). A current job that began before a stored current
     one is a concurrent role learned late: it is recorded without an event. Jobs that began
     and ended between two looks are history: recorded, no event.
   - ``promotion`` / ``title_change``: a new title at a stored current employer that is not
     older than the stored one: higher level is a promotion, the same or an unknown level a
     title change (a lower level too when dated evidence says it is newer; undated, a lower
     title is taken for an older page and ignored).
   - ``left_company``: a stored current job the web shows ended, with no current job left at
     that employer, and no ``job_change`` in the same run.
   - ``new_skill`` / ``new_education``: one event each per run listing what is new, compared
     by meaning (:mod:`enrichment.skills`) and by institution and degree.

4. Every change carries ``leveled_up`` (for job events: the highest level among current jobs
   after is above the stored one, the level of the job last left when none was current before;
   never true without a current job; skill and education events are never level-ups),
   ``years_experience`` (``before``: the stored jobs counted to ``stored_as_of`` when given,
   else to ``today``; ``after``: the updated jobs to ``today``), ``qualifies_for`` (open
   requisitions the updated record meets and the stored one, both judged ``today``, did not;
   listed on the changes that can have made the difference: job events for level, years and
   location, ``new_skill`` for skills; on all of them when none can) and its evidence
   (every document that spoke of it, newest first).
5. ``updated`` holds everything the fresh pages said (jobs, skills, education, location), so
   diffing it against the same pages again finds nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from enrichment.diff._career import Career
from enrichment.diff._evidence import Found
from enrichment.diff._learned import latest_location, learned_education, learned_skills
from enrichment.diff._reconcile import stale_records
from enrichment.events import Match
from enrichment.experience import years_of_experience
from enrichment.model import Candidate, Change, ProfileRecord, Requisition
from enrichment.qualification import (
    candidate_level,
    current_level,
    newly_qualified,
    requisition_ref,
)

CAREER_TYPES = frozenset({"job_change", "promotion", "title_change", "left_company"})
#: Which failed criteria of a requisition a change type can have fixed.
_HELPS = {
    "job_change": {"level", "years", "location"},
    "promotion": {"level", "years"},
    "title_change": {"level", "years"},
    "left_company": {"location"},
    "new_skill": {"skills"},
    "new_education": set(),
}


@dataclass(frozen=True, slots=True)
class LinkedProfile:
    """A profile record linked to the candidate, with how sure the link is."""

    record: ProfileRecord
    score: float = 1.0
    method: str = "profile_url"


@dataclass(frozen=True, slots=True)
class DiffResult:
    changes: list[Change]
    updated: Candidate
    #: The link behind each change (by fingerprint): the best-scored profile among its evidence.
    matches: dict[str, Match] = field(default_factory=dict)
    #: What was ignored and why (older pages).
    notes: list[str] = field(default_factory=list)

    def match_for(self, change: Change) -> Match | None:
        return self.matches.get(change.fingerprint)


def diff(
    stored: Candidate,
    linked: Sequence[LinkedProfile],
    *,
    requisitions: Sequence[Requisition] = (),
    today: date,
    stored_as_of: datetime | None = None,
) -> DiffResult:
    """The changes between ``stored`` and its linked profiles, and the record brought up to date.

    ``stored_as_of``: when the stored record was last brought up to date (the last run that
    verified it); it lets undated pages (GitHub's ``company``) count as older than the record.
    Idempotent: ``diff(diff(c, p).updated, p).changes == []``.
    """
    notes: list[str] = []
    fresh: list[LinkedProfile] = []
    stale = stale_records([lp.record for lp in linked], stored, stored_as_of)
    for index, lp in enumerate(linked):
        if index in stale:
            where = lp.record.url or lp.record.profile_id or lp.record.kind
            notes.append(f"{where}: older than the stored record (predates a stored job); ignored")
        else:
            fresh.append(lp)
    older = [lp.record for index, lp in enumerate(linked) if index in stale]
    records = [lp.record for lp in fresh]
    career = Career(stored, records, today, older)
    career.run()
    skills, new_skill = learned_skills(stored, records)
    education, new_education = learned_education(stored, records)
    updated = replace(
        stored,
        positions=career.positions(),
        skills=skills,
        education=education,
        location=latest_location(stored, records),
    )
    found = [*career.found, *(f for f in (new_skill, new_education) if f is not None)]
    changes, matches = _finish(found, stored, updated, fresh, requisitions, today, stored_as_of)
    return DiffResult(changes=changes, updated=updated, matches=matches, notes=notes)


def _finish(
    found: Sequence[Found],
    stored: Candidate,
    updated: Candidate,
    fresh: Sequence[LinkedProfile],
    requisitions: Sequence[Requisition],
    today: date,
    stored_as_of: datetime | None,
) -> tuple[list[Change], dict[str, Match]]:
    then = min(stored_as_of.date(), today) if stored_as_of is not None else today
    years = {
        "before": years_of_experience(stored.positions, then),
        "after": years_of_experience(updated.positions, today),
    }
    was = current_level(stored.positions)
    if was is None:
        was = candidate_level(stored)
    now = current_level(updated.positions)
    leveled_up = was is not None and now is not None and now > was

    newly = newly_qualified(stored, updated, requisitions, today)
    qualifies: dict[int, list[dict[str, object]]] = {i: [] for i in range(len(found))}
    for req, before in newly:
        helped = [i for i, f in enumerate(found) if _HELPS.get(f.type, set()) & before.failed]
        for i in helped or range(len(found)):
            qualifies[i].append(requisition_ref(req))

    changes: list[Change] = []
    matches: dict[str, Match] = {}
    for i, f in enumerate(found):
        changes.append(
            Change(
                type=f.type,
                fingerprint=f.fingerprint,
                before=f.before,
                after=f.after,
                leveled_up=leveled_up if f.type in CAREER_TYPES else False,
                years_experience=dict(years),
                qualifies_for=tuple(qualifies[i]),
                evidence=f.evidence,
            )
        )
        backers = [fresh[s] for s in f.sources] or list(fresh)
        if backers:
            best = max(backers, key=lambda lp: lp.score)
            matches[f.fingerprint] = Match(best.score, best.method)
    return changes, matches
