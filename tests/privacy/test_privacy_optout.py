"""Opt-out: from the moment a person objects nothing is fetched for them, an entry of a team
page that matches them creates and stores nothing, their events leave the CRM feed and their
undelivered webhooks are dropped; withdrawing the objection resumes processing."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from click.testing import CliRunner
from privacy_support import (
    refresher,
    settings_for,
    site_server,  # noqa: F401 (the fixture 'site')
    store_everyone,
)
from sqlalchemy.orm import Session, sessionmaker

from medalist.cli import cli
from medalist.demo.server import SiteServer
from medalist.reporting import report_events
from medalist.services import events, leveled, privacy
from storage.unit_of_work import UnitOfWork


def _fed(
    sessions: sessionmaker[Session], expected: frozenset[str] | set[str] = frozenset()
) -> set[str]:
    """The event ids the CRM feed serves, once ``expected`` are among them (on PostgreSQL the
    feed holds rows back while any older transaction of the shared server is in flight)."""
    deadline = time.monotonic() + 60
    while True:
        fed = {e.id for e in events.feed(sessions, limit=1000).events}
        if expected <= fed or time.monotonic() > deadline:
            return fed
        time.sleep(0.2)


def _about_ada(uow: UnitOfWork) -> dict[str, int]:
    """Rows that mention Ada, other than her own record, sources and their snapshots."""
    with uow:
        ada = uow.candidates.get_row("ats-ada-1815")
        assert ada is not None
        watched = uow.sources.list_watched()
        snapshot_records = [
            r
            for s in watched
            for snap in uow.snapshots.for_source(s.id)
            for r in snap.records
            if r.get("full_name") == "Ada Lovelace"
        ]
        matches = [
            m
            for m in uow.matches.pending(limit=1000)
            if m.candidate_id == ada.id or m.profile.get("full_name") == "Ada Lovelace"
        ]
        return {
            "snapshot_records": len(snapshot_records),
            "matches": len(matches) + len(uow.matches.for_candidate(ada.id)),
            "events": len(uow.events.for_candidate(ada.id)),
        }


def test_an_opted_out_person_is_neither_fetched_nor_kept_from_a_team_page(
    database_url: str, session_factory: sessionmaker[Session], uow: UnitOfWork, site: SiteServer
) -> None:
    settings = settings_for(database_url, site)
    store_everyone(uow, site)
    assert privacy.opt_out(session_factory, "ats-ada-1815", actor="cli:tester").opted_out

    summary = refresher(settings, session_factory).run(everyone=True)

    assert summary.failed <= 2, summary.errors  # her ORCID and GitHub are never asked for
    paths = [path for path, _ in site.requests]
    assert "/team.html" in paths and "/grace/" in paths
    assert not any(p.startswith("/ada") or "lovelace" in p for p in paths), paths
    assert _about_ada(uow) == {"snapshot_records": 0, "matches": 0, "events": 0}
    with uow:
        team = uow.sources.list_watched()[0]
        names = [r["full_name"] for r in uow.snapshots.latest(team.id).records]  # type: ignore[union-attr]
        assert "Priya Raman" in names and "Tomasz Nowak" in names, "everyone else is read"
    assert privacy.may_process(session_factory, "ats-grace")
    assert not privacy.may_process(session_factory, "ats-ada-1815")


def test_opting_out_stops_the_feed_and_webhooks_and_undo_resumes(
    database_url: str, session_factory: sessionmaker[Session], uow: UnitOfWork, site: SiteServer
) -> None:
    settings = settings_for(database_url, site)
    store_everyone(uow, site)
    refresher(settings, session_factory).run(everyone=True)
    with uow:
        ada = uow.candidates.get_row("ats-ada-1815")
        assert ada is not None
        ada_events = {e.id for e in uow.events.for_candidate(ada.id)}
        hook_id = uow.webhooks.active()[0].id
        pending = [d for d in uow.webhooks.deliveries(hook_id) if d.event_id in ada_events]
    assert ada_events and pending, "her promotion was found and queued for the webhook"
    assert ada_events <= _fed(session_factory, ada_events)

    result = privacy.opt_out(session_factory, "ats-ada-1815", actor="apikey:crm")

    assert result.dropped_deliveries == len(pending)
    assert not ada_events & _fed(session_factory), "her events left the CRM feed"
    with uow:
        ada = uow.candidates.get_row("ats-ada-1815")
        assert ada is not None
        her_urls = [s.url for s in ada.sources if s.url]
    site.requests.clear()
    by_hand = CliRunner().invoke(cli, ["fetch", her_urls[0]], obj=settings)
    assert by_hand.exit_code == 1 and "who opted out; medalist does not fetch it" in by_hand.output
    assert not site.requests, "not even by hand"
    reported = {e["id"] for e in report_events(session_factory, since=None, all_events=True)}
    assert reported and not ada_events & reported, "and the report"
    assert "ats-ada-1815" not in {card.external_id for card in leveled.leveled_up(session_factory)}
    later = datetime.now(UTC) + timedelta(days=1)
    with uow:
        due = uow.webhooks.due(later, limit=1000)
        assert all(event.id not in ada_events for _, _, event in due)
        assert not [d for d in uow.webhooks.deliveries(hook_id) if d.event_id in ada_events]
    with uow:  # the team page read again in full while she is opted out
        team = uow.sources.list_watched()[0]
        team.etag = team.last_modified = team.content_hash = None
        uow.commit()
    site.requests.clear()
    refresher(settings, session_factory).run(everyone=True)
    assert not any(p.startswith("/ada") for p, _ in site.requests)
    assert _about_ada(uow)["snapshot_records"] == 0
    again = privacy.opt_out(session_factory, "ats-ada-1815", actor="apikey:crm")
    assert again.changed is False

    privacy.opt_out(session_factory, "ats-ada-1815", actor="apikey:crm", undo=True)

    assert ada_events <= _fed(session_factory, ada_events)
    assert ada_events <= {
        e["id"] for e in report_events(session_factory, since=None, all_events=True)
    }
    site.requests.clear()
    refresher(settings, session_factory).run(everyone=True)
    assert any(p.startswith("/ada") for p, _ in site.requests), "processing resumed"
    with uow:
        actions = [(a.actor, a.action, a.subject) for a in uow.audit.entries()]
    assert actions == [
        ("apikey:crm", "optout", "ats-ada-1815"),
        ("apikey:crm", "optout_undo", "ats-ada-1815"),
    ]
