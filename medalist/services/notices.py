"""The privacy notice: what is held on a person and where each piece came from.

GDPR Art. 14 asks a controller that did not collect data from the person to tell them what
it holds, from which sources, for what purpose, for how long and what their rights are;
Art. 15 gives them access to it. :func:`notice` gathers that from the database (every fact
with its source kind, URL and time; every source with when it was added and last read; every
event with its evidence; review decisions; the audit trail); :func:`as_text` writes it for a
person to read. ``medalist notice`` and ``GET /v1/candidates/{id}/notice`` print it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from enrichment.model import format_timestamp, utcnow
from medalist.services import Sessions
from medalist.services.audit import entry
from medalist.services.errors import NotFound
from medalist.services.schemas import (
    Notice,
    NoticeEvent,
    NoticeItem,
    NoticeMatch,
    NoticeSource,
    Provenance,
)
from medalist.settings import Settings
from storage.models import CandidateRow, EventRow
from storage.unit_of_work import UnitOfWork

PURPOSE = (
    "You applied for a role with us in the past. We keep your application record up to date "
    "from public professional sources so that we can contact you about roles that now fit "
    "your experience (legitimate interest, GDPR Art. 6(1)(f))."
)
RECIPIENTS = "Our recruiters, and our candidate relationship (CRM) system."
RIGHTS = (
    "You may object at any time and we stop all processing at once (Art. 21); you may ask us "
    "to erase everything we hold on you (Art. 17), to correct it (Art. 16) or for a copy "
    "(Art. 15); and you may complain to a data protection authority."
)


def _ts(value: datetime | None) -> str | None:
    return format_timestamp(value) if value else None


def _fact_source(row: Any, imported_at: datetime) -> Provenance:
    if not row.source_kind:
        return Provenance(kind="ats", url=None, fetched_at=_ts(imported_at))
    return Provenance(kind=row.source_kind, url=row.source_url, fetched_at=_ts(row.fetched_at))


def _span(start: str | None, end: str | None) -> str:
    return f"{start or '?'} to {end or 'now'}"


def _held(row: CandidateRow) -> list[NoticeItem]:
    ats = Provenance(kind="ats", url=None, fetched_at=_ts(row.created_at))
    items = [NoticeItem(category="name", value=row.full_name, source=ats)]
    items += [NoticeItem(category="email", value=str(e), source=ats) for e in row.emails or ()]
    if row.location:
        where = (
            Provenance(
                kind=row.location_source_kind,
                url=row.location_source_url,
                fetched_at=_ts(row.location_fetched_at),
            )
            if row.location_source_kind
            else ats
        )
        items.append(NoticeItem(category="location", value=row.location, source=where))
    for p in row.positions:
        text = f"{p.title or '-'} at {p.company or '-'} ({_span(p.start, p.end)})"
        if p.level_name:
            text += f", level {p.level} {p.level_name}"
        items.append(
            NoticeItem(category="position", value=text, source=_fact_source(p, row.created_at))
        )
    for s in row.skills:
        items.append(
            NoticeItem(category="skill", value=s.name, source=_fact_source(s, row.created_at))
        )
    for e in row.education:
        text = ", ".join(v for v in (e.degree, e.area, e.institution, e.end) if v) or "-"
        items.append(
            NoticeItem(category="education", value=text, source=_fact_source(e, row.created_at))
        )
    for a in row.applications:
        text = f"requisition {a.req_id}" + (
            f", reached {a.stage_reached}" if a.stage_reached else ""
        )
        items.append(NoticeItem(category="application", value=text, source=ats))
    return items


def _event(row: EventRow) -> NoticeEvent:
    payload = row.payload or {}
    after = payload.get("after") or {}
    summary = (
        " at ".join(str(v) for v in (after.get("title"), after.get("company")) if v)
        or ", ".join(str(v) for v in after.get("skills") or ())
        or row.type
    )
    evidence = [
        Provenance(kind=str(e.get("kind") or "?"), url=e.get("url"), fetched_at=e.get("fetched_at"))
        for e in payload.get("evidence") or ()
        if isinstance(e, dict)
    ]
    return NoticeEvent(
        id=row.id,
        type=row.type,
        detected_at=format_timestamp(row.detected_at),
        status=row.status,
        summary=summary,
        evidence=evidence,
    )


def notice(
    sessions: Sessions, external_id: str, *, settings: Settings, now: datetime | None = None
) -> Notice:
    """Everything held on ``external_id``, each piece with its source. :class:`NotFound`
    when nothing is (an erased person: only keyed hashes remain, which name nobody)."""
    with UnitOfWork(sessions) as uow:
        row = uow.candidates.get_row(external_id)
        if row is None:
            raise NotFound(f"no stored candidate {external_id!r}", code="candidate_not_found")
        held = uow.snapshots.held_for([s.id for s in row.sources])
        sources = []
        for s in row.sources:
            count, newest = held.get(s.id, (0, None))
            sources.append(
                NoticeSource(
                    kind=s.kind,
                    url=s.url,
                    identifier=s.identifier,
                    origin=s.origin,
                    added_at=format_timestamp(s.created_at),
                    last_fetched_at=_ts(s.last_fetched_at),
                    last_verified_at=_ts(s.last_verified_at),
                    snapshots=count,
                    last_snapshot_at=_ts(newest),
                )
            )
        matches = []
        for m in uow.matches.for_candidate(row.id):
            profile = m.profile or {}
            matches.append(
                NoticeMatch(
                    id=m.id,
                    status=m.status,
                    source=Provenance(
                        kind=str(profile.get("kind") or "?"),
                        url=profile.get("url"),
                        fetched_at=profile.get("fetched_at"),
                    ),
                    decided_by=m.decided_by,
                    decided_at=_ts(m.decided_at),
                )
            )
        audit = [entry(a) for a in uow.audit.entries(subject=external_id, limit=10_000)]
        held_items = _held(row)
        found_events = [_event(e) for e in uow.events.for_candidate(row.id)]
        own = {s.url for s in row.sources if s.url}
        cited = [i.source for i in held_items] + [p for e in found_events for p in e.evidence]
        others: dict[tuple[str, str], Provenance] = {}
        for cite in cited:
            if cite.kind != "ats" and cite.url and cite.url not in own:
                seen = others.get((cite.kind, cite.url))
                if seen is None or (cite.fetched_at or "") > (seen.fetched_at or ""):
                    others[(cite.kind, cite.url)] = cite
        return Notice(
            external_id=row.external_id,
            full_name=row.full_name,
            generated_at=format_timestamp(now or utcnow()),
            controller_contact=settings.contact,
            purpose=PURPOSE,
            recipients=RECIPIENTS,
            retention=(
                f"Copies of what a public source said are kept at most "
                f"{settings.retention_days} days; your record is kept until you object or ask "
                "for erasure."
            ),
            rights=RIGHTS,
            opted_out=row.opted_out,
            opted_out_at=_ts(row.opted_out_at),
            held=held_items,
            sources=sources,
            other_sources=list(others.values()),
            events=found_events,
            matches=matches,
            audit=audit,
        )


def _where(source: Provenance) -> str:
    if source.kind == "ats":
        return f"from our applicant tracking system (imported {source.fetched_at or '?'})"
    where = f"from {source.kind}"
    if source.url:
        where += f" {source.url}"
    return where + f" (read {source.fetched_at or '?'})"


def as_text(n: Notice) -> str:
    """The notice as plain text for a person to read (scraped values are not cleaned here:
    the caller escapes for its medium)."""
    lines = [
        f"What we hold about {n.full_name} (our reference {n.external_id})",
        f"as of {n.generated_at}",
        "",
        f"Why: {n.purpose}",
        f"Who sees it: {n.recipients}",
        f"How long: {n.retention}",
        f"Your rights: {n.rights}",
        f"Contact: {n.controller_contact}",
        "",
    ]
    if n.opted_out:
        lines += [f"You objected on {n.opted_out_at or '?'}: nothing is collected any more.", ""]
    lines.append("The data, and where each piece came from:")
    for item in n.held:
        lines.append(f"  {item.category}: {item.value}")
        lines.append(f"      {_where(item.source)}")
    lines += ["", "The public sources we read:"]
    if not n.sources:
        lines.append("  none")
    for s in n.sources:
        origin = {"ats": "given in your application", "crawl": "found on a page we read"}.get(
            s.origin, s.origin
        )
        lines.append(f"  {s.kind} {s.url or s.identifier} ({origin}; added {s.added_at})")
        lines.append(
            f"      last read {s.last_fetched_at or 'never'}; copies kept: {s.snapshots}"
            + (f" (newest {s.last_snapshot_at})" if s.last_snapshot_at else "")
        )
    if n.other_sources:
        lines += ["", "Other public pages that mention you (team pages, announcements):"]
        lines.extend(f"  {_where(p)}" for p in n.other_sources)
    lines += ["", "Changes we noted:"]
    if not n.events:
        lines.append("  none")
    for e in n.events:
        lines.append(f"  {e.detected_at} {e.type}: {e.summary} [{e.status}]")
        lines.extend(f"      evidence: {_where(p)}" for p in e.evidence)
    if n.matches:
        lines += ["", "Pages linked to you, and who decided:"]
        for m in n.matches:
            who = f" by {m.decided_by} on {m.decided_at}" if m.decided_by else ""
            lines.append(f"  #{m.id} {m.status}{who}: {_where(m.source)}")
    if n.audit:
        lines += ["", "What our staff did with your record:"]
        lines.extend(f"  {a.at} {a.actor} {a.action} {a.target or ''}".rstrip() for a in n.audit)
    return "\n".join(lines)
