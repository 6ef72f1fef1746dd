"""A stored candidate as people and the CRM read it: facts with levels and provenance, sources
with their freshness, and events (``medalist show``; later ``GET /v1/candidates/{id}``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote

from enrichment.model import format_timestamp
from storage.models import CandidateRow
from storage.repositories import EventRepository
from storage.repositories.candidates import CandidateFacts
from storage.unit_of_work import UnitOfWork


def _ts(value: datetime | None) -> str | None:
    return format_timestamp(value) if value else None


def _provenance(row: Any) -> dict[str, Any]:
    if not row.source_kind:
        return {"kind": "ats", "url": None, "fetched_at": None}
    return {"kind": row.source_kind, "url": row.source_url, "fetched_at": _ts(row.fetched_at)}


def candidate_view(
    uow: UnitOfWork, row: CandidateRow, *, events_limit: int | None = None
) -> dict[str, Any]:
    """The record; with ``events_limit`` only the newest that many events (oldest first),
    ``events_total`` saying how many there are (the feed, ``events_feed``, pages through all
    of them)."""
    if events_limit is None:
        events = uow.events.for_candidate(row.id)
        total = len(events)
    else:
        events = uow.events.latest_for_candidate(row.id, events_limit) if events_limit else []
        total = (
            len(events) if len(events) < events_limit else uow.events.count_for_candidate(row.id)
        )
    view = facts_view(row)
    view["events_total"] = total
    view["events"] = [EventRepository.to_dict(e) for e in events]
    return view


def facts_view(row: CandidateRow | CandidateFacts) -> dict[str, Any]:
    """The record without its events (``events_feed`` is where they are)."""
    current = [p for p in row.positions if p.end is None]
    levels = [p.level for p in current if p.level is not None]
    return {
        "external_id": row.external_id,
        "full_name": row.full_name,
        "location": row.location,
        "location_provenance": (
            {
                "kind": row.location_source_kind or "ats",
                "url": row.location_source_url,
                "fetched_at": _ts(row.location_fetched_at),
            }
            if row.location
            else None
        ),
        "emails": list(row.emails),
        "opted_out": row.opted_out,
        "opted_out_at": _ts(row.opted_out_at),
        "level": max(levels) if levels else None,
        "last_refreshed_at": _ts(row.last_refreshed_at),
        "positions": [
            {
                "title": p.title,
                "company": p.company,
                "start": p.start,
                "end": p.end,
                "level": p.level,
                "level_name": p.level_name,
                "track": p.track,
                "provenance": _provenance(p),
            }
            for p in sorted(
                row.positions, key=lambda p: (p.end is None, p.start or ""), reverse=True
            )
        ],
        "skills": [{"name": s.name, "provenance": _provenance(s)} for s in row.skills],
        "education": [
            {
                "institution": e.institution,
                "degree": e.degree,
                "end": e.end,
                "provenance": _provenance(e),
            }
            for e in row.education
        ],
        "sources": [
            {
                "kind": s.kind,
                "url": s.url,
                "identifier": s.identifier,
                "last_verified_at": _ts(s.last_verified_at),
                "last_fetched_at": _ts(s.last_fetched_at),
                "last_status": s.last_status,
                "last_error": s.last_error,
            }
            for s in row.sources
        ],
        "events_feed": f"/v1/events?candidate={quote(row.external_id, safe='')}",
    }


def describe(view: dict[str, Any]) -> str:
    """The view as text for a terminal."""
    lines = [f"{view['full_name']} ({view['external_id']})"]
    if view["opted_out"]:
        lines.append("  opted out: never crawled")
    if view["location"]:
        lines.append(f"  location: {view['location']}")
    lines.append("  positions:")
    for p in view["positions"]:
        span = f"{p['start'] or '?'} - {p['end'] or 'now'}"
        level = f"[{p['level']} {p['level_name']}]" if p["level"] is not None else ""
        lines.append(
            f"    {span:23} {p['title'] or '-'} at {p['company'] or '-'} {level}"
            f"  ({p['provenance']['kind']})"
        )
    if view["skills"]:
        lines.append("  skills: " + ", ".join(s["name"] for s in view["skills"]))
    lines.append("  sources:")
    for s in view["sources"]:
        state = s["last_error"] or s["last_status"] or "never fetched"
        lines.append(
            f"    {s['kind']:10} {s['url'] or s['identifier']}"
            f"  verified {s['last_verified_at'] or 'never'}  ({state})"
        )
    shown = len(view["events"])
    total = view.get("events_total", shown)
    lines.append(f"  events: {total}" + (f" (the newest {shown} shown)" if total > shown else ""))
    for e in view["events"]:
        after = e.get("after") or {}
        what = after.get("title") or ", ".join(after.get("skills") or []) or ""
        up = " leveled up" if e.get("leveled_up") else ""
        lines.append(f"    {e['detected_at']} {e['type']}{up}: {what} [{e['status']}] {e['id']}")
    return "\n".join(lines)
