"""The leveled-up report as recruiters read it: one card per person, newest first.

Each card holds the person's leveled-up events (before and after, the size of the jump, when),
their years of experience on file and now, the open requisitions they now qualify for, the
applications they came from (requisition and stage reached), the evidence and how sure the
match is (:mod:`medalist.services.confidence`). The pages under ``/ui/`` and
``medalist report --format html`` both render these cards; :func:`group_by_person` needs no
database (the report of a list of events), :func:`leveled_up` adds what is stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from pydantic import BaseModel

from enrichment.experience import years_of_experience
from enrichment.seniority import LEVEL_NAMES, classify
from medalist.services import Sessions
from medalist.services.confidence import Confidence, confidence
from storage.models import CandidateRow
from storage.repositories import EventRepository
from storage.unit_of_work import UnitOfWork

TRACKS = ("ic", "management", "executive")
STATUSES = ("active", "new", "acked", "dismissed", "all")
#: The most people one page shows (the newest).
MAX_PEOPLE = 200


class Application(BaseModel):
    req_id: str
    title: str | None = None
    stage_reached: str | None = None
    closed_at: str | None = None


class Change(BaseModel):
    """One leveled-up event on a card."""

    event: dict[str, Any]
    jump: int | None
    track: str | None
    confidence: Confidence


class PersonCard(BaseModel):
    external_id: str
    full_name: str
    latest_at: str
    changes: list[Change]
    qualifies_for: list[dict[str, Any]]
    applications: list[Application] = []
    years_now: float | None = None
    stored: bool = False
    #: Levels up from the oldest change's ``before`` to the newest one's ``after``.
    total_jump: int | None = None


@dataclass(frozen=True, slots=True)
class Filters:
    """What the leveled-up page narrows to; every field optional."""

    since: date | None = None
    until: date | None = None
    req_id: str | None = None
    min_level: int | None = None
    track: str | None = None
    status: str = "active"


@dataclass(frozen=True, slots=True)
class _Facts:
    applications: list[Application]
    years_now: float | None
    reasons: list[str]


def _level(side: object) -> int | None:
    value = side.get("level") if isinstance(side, Mapping) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _track(side: object) -> str | None:
    if not isinstance(side, Mapping) or not isinstance(side.get("title"), str):
        return None
    company = side.get("company") if isinstance(side.get("company"), str) else None
    return classify(side["title"], company).track


def _change(event: Mapping[str, Any], reasons: Sequence[str]) -> Change:
    before, after = _level(event.get("before")), _level(event.get("after"))
    match = event.get("match") if isinstance(event.get("match"), Mapping) else None
    return Change(
        event=dict(event),
        jump=after - before if before is not None and after is not None else None,
        track=_track(event.get("after")),
        confidence=confidence(match, reasons),
    )


def group_by_person(
    events: Iterable[Mapping[str, Any]], facts: Mapping[str, _Facts] | None = None
) -> list[PersonCard]:
    """Cards of ``events`` (the contract's event dicts), one per person, the person with the
    newest event first and each card's events newest first."""
    facts = facts or {}
    people: dict[str, list[Mapping[str, Any]]] = {}
    for event in events:
        candidate = event.get("candidate") or {}
        people.setdefault(str(candidate.get("external_id") or ""), []).append(event)
    cards = []
    for external_id, own in people.items():
        own = sorted(own, key=lambda e: str(e.get("detected_at") or ""), reverse=True)
        known = facts.get(external_id)
        qualifies: dict[str, dict[str, Any]] = {}
        for event in own:
            for req in event.get("qualifies_for") or []:
                if isinstance(req, Mapping) and req.get("req_id") is not None:
                    qualifies.setdefault(str(req["req_id"]), dict(req))
        newest, oldest = _level(own[0].get("after")), _level(own[-1].get("before"))
        cards.append(
            PersonCard(
                external_id=external_id,
                full_name=str((own[0].get("candidate") or {}).get("full_name") or external_id),
                latest_at=str(own[0].get("detected_at") or ""),
                changes=[_change(e, known.reasons if known else ()) for e in own],
                qualifies_for=list(qualifies.values()),
                applications=known.applications if known else [],
                years_now=known.years_now if known else None,
                stored=known is not None,
                total_jump=newest - oldest if newest is not None and oldest is not None else None,
            )
        )
    cards.sort(key=lambda c: c.latest_at, reverse=True)
    return cards


def _wanted(event: Mapping[str, Any], filters: Filters, applied: bool) -> bool:
    """Whether ``event`` passes ``filters``; ``applied``: its person applied to the
    filtered requisition."""
    status = str(event.get("status") or "new")
    if filters.status == "active" and status == "dismissed":
        return False
    if filters.status not in ("active", "all") and status != filters.status:
        return False
    if filters.until is not None and str(event.get("detected_at") or "") >= (
        (filters.until + timedelta(days=1)).isoformat()
    ):
        return False
    if filters.req_id:
        reqs = {str(q.get("req_id")) for q in event.get("qualifies_for") or []}
        if filters.req_id not in reqs and not applied:
            return False
    if filters.min_level is not None:
        level = _level(event.get("after"))
        if level is None or level < filters.min_level:
            return False
    return not (filters.track and _track(event.get("after")) != filters.track)


def _stored_facts(
    uow: UnitOfWork, chosen: Sequence[CandidateRow], today: date
) -> dict[str, _Facts]:
    """What the store adds to the cards of these candidates: their applications (with each
    requisition's title), years of experience today, and the reasons of linked matches."""
    reasons: dict[int, list[str]] = {}
    for match in uow.matches.linked_for([c.id for c in chosen]):
        if match.candidate_id is not None:
            reasons.setdefault(match.candidate_id, []).extend(str(r) for r in match.reasons)
    titles = {r.req_id: r.title for r in uow.requisitions.list_all()}
    return {
        c.external_id: _Facts(
            applications=[
                Application(
                    req_id=a.req_id,
                    title=titles.get(a.req_id),
                    stage_reached=a.stage_reached,
                    closed_at=a.closed_at,
                )
                for a in c.applications
            ],
            years_now=years_of_experience(uow.candidates.to_domain(c).positions, today),
            reasons=reasons.get(c.id, []),
        )
        for c in chosen
    }


def cards_of(
    sessions: Sessions, events: Sequence[Mapping[str, Any]], *, today: date | None = None
) -> list[PersonCard]:
    """The cards of ``events`` (a report's), with what the store knows of each person."""
    with UnitOfWork(sessions) as uow:
        ids = uow.candidates.ids_for(
            str((e.get("candidate") or {}).get("external_id") or "") for e in events
        )
        chosen = [c for c in (uow.candidates.get_row_by_id(i) for i in ids.values()) if c]
        facts = _stored_facts(uow, chosen, today or date.today())
    return group_by_person(events, facts)


def leveled_up(
    sessions: Sessions, filters: Filters = Filters(), *, today: date | None = None
) -> list[PersonCard]:
    """The cards of the stored leveled-up events that pass ``filters``."""
    today = today or date.today()
    start = datetime.combine(filters.since or date(1970, 1, 1), time.min, tzinfo=UTC)
    with UnitOfWork(sessions) as uow:
        rows = uow.events.detected_since(start, leveled_up=True)
        applied = uow.candidates.applied_to(filters.req_id) if filters.req_id else set()
        by_person: dict[int, list[dict[str, Any]]] = {}
        for row in rows:
            event = EventRepository.to_dict(row)
            if _wanted(event, filters, row.candidate_id in applied):
                by_person.setdefault(row.candidate_id, []).append(event)
        newest = sorted(
            by_person,
            key=lambda cid: max(str(e.get("detected_at") or "") for e in by_person[cid]),
            reverse=True,
        )[:MAX_PEOPLE]
        chosen = [c for c in (uow.candidates.get_row_by_id(i) for i in newest) if c is not None]
        events = [e for cid in newest for e in by_person[cid]]
        facts = _stored_facts(uow, chosen, today)
    return group_by_person(events, facts)


def choices(sessions: Sessions) -> dict[str, list[tuple[str, str]]]:
    """The values each filter offers: requisitions, levels, tracks, statuses."""
    with UnitOfWork(sessions) as uow:
        reqs = [(r.req_id, f"{r.req_id} · {r.title}") for r in uow.requisitions.list_all()]
    return {
        "req_id": reqs,
        "min_level": [(str(n), f"{n} {name}") for n, name in enumerate(LEVEL_NAMES)],
        "track": [(t, {"ic": "individual contributor"}.get(t, t)) for t in TRACKS],
        "status": [
            ("active", "not dismissed"),
            ("new", "to do"),
            ("acked", "acknowledged"),
            ("dismissed", "dismissed"),
            ("all", "everything"),
        ],
    }


def applications(sessions: Sessions, external_id: str) -> list[Application]:
    """The applications a stored candidate came from (with each requisition's title)."""
    with UnitOfWork(sessions) as uow:
        row = uow.candidates.get_row(external_id)
        if row is None:
            return []
        out = []
        for a in row.applications:
            req = uow.requisitions.get_row(a.req_id)
            out.append(
                Application(
                    req_id=a.req_id,
                    title=req.title if req else None,
                    stage_reached=a.stage_reached,
                    closed_at=a.closed_at,
                )
            )
        return out
