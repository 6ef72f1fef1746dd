"""One refresh run (``medalist run``): plan, crawl, then link, diff and store per candidate.

1. **Plan** (one transaction): open a ``runs`` row; pick the candidates (the named ones, all,
   or the due ones), never anyone opted out; their sources and every watched many-person source
   become crawl targets.
2. **Crawl** all targets in one child process (:func:`medalist.crawling.crawl`).
3. **Link** what came back: a candidate's own source is checked against that candidate alone
   (an identifier or URL links it; a page naming someone else goes to review); records from
   many-person sources go through the matcher against every stored candidate, remembering the
   decisions people made in the review queue.
   A source that answered 304 is read from its last snapshot, so decisions and candidates
   added since apply to unchanged pages too.
4. **Per candidate, one unit of work**: record each fetch on its source (freshness, validators,
   failures), keep a snapshot with provenance, diff the stored record against the linked
   profiles, store each change as an event unless it is already stored (an event's id and
   fingerprint come from the change itself, so a rerun or a resumed crash adds nothing twice),
   bring the record up to date, commit. A failure rolls back that candidate only and is
   counted on the run.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from enrichment.diff import LinkedProfile, diff, profile_gone
from enrichment.errors import InvalidRecord, MedalistError
from enrichment.events import event_dict
from enrichment.matching import CandidateIndex, Decisions, MatchResult, profile_key
from enrichment.model import (
    Candidate,
    Change,
    Education,
    Position,
    ProfileRecord,
    Requisition,
    parse_timestamp,
    utcnow,
)
from medalist.settings import Settings
from storage.models import CandidateRow, SourceRow
from storage.repositories import Provenance
from storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

Crawl = Callable[[Sequence[Mapping[str, Any]], Settings], list[dict[str, Any]]]
#: A source that answered 404/410 this many runs in a row is reported as ``profile_gone``.
GONE_AFTER = 2


@dataclass
class RunSummary:
    run_id: int
    candidates: int = 0
    sources: int = 0
    fetched: int = 0
    not_modified: int = 0
    failed: int = 0
    records: int = 0
    linked: int = 0
    review: int = 0
    events_new: int = 0
    events_seen: int = 0
    leveled_up: int = 0
    errors: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {k: v for k, v in vars(self).items() if isinstance(v, int) and k != "run_id"}


@dataclass
class _Found:
    """Linked records and fetch results gathered for one candidate."""

    linked: list[LinkedProfile] = field(default_factory=list)
    results: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


def _records(result: Mapping[str, Any], where: str) -> list[ProfileRecord]:
    records = []
    for i, data in enumerate(result.get("records") or []):
        try:
            records.append(ProfileRecord.from_dict(data, where=f"{where} record {i}"))
        except InvalidRecord as error:
            log.warning("skipping a record the crawler returned: %s", error)
    return records


def _linked(record: ProfileRecord, match: MatchResult) -> LinkedProfile:
    return LinkedProfile(record=record, score=match.score, method=match.method)


class Refresher:
    """Runs refreshes against one database with one crawler."""

    def __init__(
        self,
        settings: Settings,
        session_factory: sessionmaker[Session],
        *,
        crawl: Crawl | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        if crawl is None:
            from medalist.crawling import crawl as crawl_in_child

            crawl = crawl_in_child
        self.settings = settings
        self.session_factory = session_factory
        self.crawl = crawl
        self.clock = clock

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.session_factory)

    # -- 1. plan ---------------------------------------------------------------------------

    def _plan(
        self, external_ids: Sequence[str] | None, limit: int | None, everyone: bool
    ) -> tuple[int, list[str], list[dict[str, Any]]]:
        now = self.clock()
        with self.uow() as uow:
            run = uow.runs.start(now)
            rows: list[CandidateRow]
            if external_ids:
                rows = []
                for external_id in external_ids:
                    row = uow.candidates.get_row(external_id)
                    if row is None:
                        raise MedalistError(f"no stored candidate {external_id!r}")
                    if row.opted_out:
                        log.info("%s opted out: not refreshed", external_id)
                        continue
                    rows.append(row)
            elif everyone:
                rows = uow.candidates.active(limit)
            else:
                rows = uow.candidates.due(now, self.settings.refresh_days, limit)
            targets = [
                uow.sources.as_target(source)
                for row in rows
                if not row.opted_out
                for source in row.sources
            ]
            targets += [uow.sources.as_target(s) for s in uow.sources.list_watched()]
            uow.commit()
            return run.id, [r.external_id for r in rows], targets

    # -- 3. link ---------------------------------------------------------------------------

    def _link_own(
        self, uow: UnitOfWork, candidate: Candidate, record: ProfileRecord
    ) -> MatchResult:
        """A candidate's own source: linked when it is that person, else queued for review."""
        key = profile_key(record)
        decisions = self._decisions(uow, [key])
        return CandidateIndex.build([candidate]).match(record, decisions=decisions)

    def _decisions(self, uow: UnitOfWork, keys: Iterable[str]) -> Decisions:
        rows: list[tuple[str, str, str]] = []
        for key in keys:
            for match in reversed(uow.matches.remembered(key)):
                if match.candidate_id is None:
                    continue
                candidate = uow.candidates.get_row_by_id(match.candidate_id)
                if candidate is not None:
                    verdict = "link" if match.status == "linked" else "reject"
                    rows.append((key, candidate.external_id, verdict))
        return Decisions.from_rows(rows)

    def _queue_review(
        self, uow: UnitOfWork, record: ProfileRecord, match: MatchResult, source_id: int
    ) -> bool:
        proposed = match.proposed_candidate_id
        row = uow.candidates.get_row(proposed) if proposed else None
        _, created = uow.matches.add_pending(
            profile_key(record),
            record.to_dict(),
            candidate_id=row.id if row else None,
            score=match.score,
            method=match.method,
            reasons=list(match.reasons),
            source_id=source_id,
        )
        return created

    def _link_many(
        self,
        results: Mapping[int, dict[str, Any]],
        watched: Mapping[int, str],
        found: dict[str, _Found],
        summary: RunSummary,
    ) -> None:
        """Match every record of the watched many-person sources against all candidates."""
        pending = [
            (source_id, record)
            for source_id in watched
            for record in _records(results.get(source_id, {}), f"source {source_id}")
        ]
        if not pending:
            return
        with self.uow() as uow:
            index = CandidateIndex.build(uow.candidates.iter_active())
        with self.uow() as uow:
            decisions = self._decisions(uow, {profile_key(r) for _, r in pending})
            for source_id, record in pending:
                summary.records += 1
                match = index.match(record, decisions=decisions)
                if match.decision == "link" and match.candidate_id:
                    found[match.candidate_id].linked.append(_linked(record, match))
                    summary.linked += 1
                elif match.decision == "review":
                    summary.review += int(self._queue_review(uow, record, match, source_id))
            uow.commit()

    # -- 4. per candidate ------------------------------------------------------------------

    def _record_fetch(
        self, uow: UnitOfWork, source_id: int, result: Mapping[str, Any], run_id: int
    ) -> SourceRow:
        fetched_at = parse_timestamp(result.get("fetched_at")) or self.clock()
        status = str(result.get("status") or "error")
        source = uow.sources.record_fetch(
            source_id,
            status=status,
            fetched_at=fetched_at,
            http_status=result.get("http_status"),
            etag=result.get("etag"),
            last_modified=result.get("last_modified"),
            content_hash=result.get("content_hash"),
            error=result.get("error"),
        )
        if status == "ok":
            uow.snapshots.add(
                source_id,
                kind=source.kind,
                fetched_at=fetched_at,
                records=list(result.get("records") or []),
                url=result.get("url"),
                content_hash=result.get("content_hash"),
                run_id=run_id,
            )
        return source

    def _count_fetch(self, result: Mapping[str, Any], summary: RunSummary) -> None:
        status = result.get("status")
        summary.sources += 1
        if status == "ok":
            summary.fetched += 1
        elif status == "not_modified":
            summary.not_modified += 1
        else:
            summary.failed += 1

    def _refresh_one(
        self,
        external_id: str,
        found: _Found,
        run_id: int,
        summary: RunSummary,
        requisitions: Sequence[Requisition],
    ) -> None:
        now = self.clock()
        with self.uow() as uow:
            row = uow.candidates.get_row(external_id)
            if row is None or row.opted_out:
                return
            stored = uow.candidates.to_domain(row)
            provenance = _stored_provenance(row)
            linked = list(found.linked)
            changes: list[Change] = []
            for source_id, result in found.results:
                source = self._record_fetch(uow, source_id, result, run_id)
                if result.get("status") == "gone" and source.gone_count >= GONE_AFTER:
                    changes.append(
                        profile_gone(
                            stored,
                            kind=source.kind,
                            url=source.url,
                            identifier=source.identifier,
                            today=now.date(),
                            checked_at=parse_timestamp(result.get("fetched_at")) or now,
                            http_status=result.get("http_status"),
                            last_seen_at=source.last_verified_at,
                        )
                    )
                for record in _records(result, f"source {source_id}"):
                    summary.records += 1
                    match = self._link_own(uow, stored, record)
                    if match.decision == "link":
                        linked.append(_linked(record, match))
                        summary.linked += 1
                    elif match.decision == "review":
                        summary.review += int(self._queue_review(uow, record, match, source_id))
            outcome = diff(
                stored,
                linked,
                requisitions=requisitions,
                today=now.date(),
                stored_as_of=row.last_refreshed_at,
            )
            changes += outcome.changes
            for change in changes:
                event = event_dict(change, stored, match=outcome.match_for(change), detected_at=now)
                if uow.events.add_if_new(
                    event, change.fingerprint, candidate_id=row.id, run_id=run_id
                ):
                    summary.events_new += 1
                    summary.leveled_up += int(change.leveled_up)
                else:
                    summary.events_seen += 1
            if linked:
                _store_facts(uow, row.id, outcome.updated, linked, provenance, now)
            uow.candidates.mark_refreshed(row.id, now)
            uow.commit()

    # -- the run ---------------------------------------------------------------------------

    def run(
        self,
        *,
        external_ids: Sequence[str] | None = None,
        limit: int | None = None,
        everyone: bool = False,
        progress: Callable[[Iterable[str]], Iterable[str]] | None = None,
    ) -> RunSummary:
        run_id, chosen, targets = self._plan(external_ids, limit, everyone)
        summary = RunSummary(run_id=run_id, candidates=len(chosen))
        status = "finished"
        try:
            results = self._reuse_snapshots(
                {int(r["source_id"]): r for r in self.crawl(targets, self.settings)}
            )
            owners: dict[int, str] = {}
            watched: dict[int, str] = {}
            with self.uow() as uow:
                for external_id in chosen:
                    row = uow.candidates.get_row(external_id)
                    for source in row.sources if row else ():
                        owners[source.id] = external_id
                for source in uow.sources.list_watched():
                    watched[source.id] = source.kind
            found: dict[str, _Found] = defaultdict(_Found)
            for source_id, result in results.items():
                self._count_fetch(result, summary)
                if source_id in owners:
                    found[owners[source_id]].results.append((source_id, result))
                elif result.get("status") not in ("ok", "not_modified"):
                    summary.errors.append(f"watched source {source_id}: {result.get('error')}")
            self._record_watched(results, watched, run_id)
            self._link_many(results, watched, found, summary)
            todo = list(dict.fromkeys([*chosen, *found]))
            with self.uow() as uow:
                requisitions = uow.requisitions.list_open()
            summary.candidates = len(todo)
            for external_id in progress(todo) if progress else todo:
                try:
                    self._refresh_one(
                        external_id, found[external_id], run_id, summary, requisitions
                    )
                except MedalistError as error:
                    summary.errors.append(f"{external_id}: {error}")
        except BaseException as error:
            status = "failed"
            summary.errors.append(f"run failed: {error!r}")
            raise
        finally:
            with self.uow() as uow:
                uow.runs.finish(
                    run_id, status=status, counts=summary.counts(), errors=summary.errors
                )
                uow.commit()
        return summary

    def _reuse_snapshots(self, results: dict[int, dict[str, Any]]) -> dict[int, dict[str, Any]]:
        """A source answered 304: its records are those of its last snapshot. Reading them again
        lets a reviewer's decision, or a candidate imported since, take effect on a page that
        has not changed; the diff and the event store make the repetition harmless."""
        with self.uow() as uow:
            for source_id, result in results.items():
                if result.get("status") == "not_modified" and not result.get("records"):
                    snapshot = uow.snapshots.latest(source_id)
                    if snapshot is not None:
                        results[source_id] = {**result, "records": list(snapshot.records)}
        return results

    def _record_watched(
        self, results: Mapping[int, dict[str, Any]], watched: Mapping[int, str], run_id: int
    ) -> None:
        with self.uow() as uow:
            for source_id in watched:
                if source_id in results:
                    self._record_fetch(uow, source_id, results[source_id], run_id)
            uow.commit()


def _fact_key(*parts: object) -> tuple[str, ...]:
    return tuple(str(p or "").casefold() for p in parts)


def _stored_provenance(row: CandidateRow) -> dict[tuple[str, ...], Provenance | None]:
    """Where each stored fact came from, so an update keeps it. Positions are keyed by title
    and start: the employer's spelling may differ between the record and a page."""
    out: dict[tuple[str, ...], Provenance | None] = {}
    for p in row.positions:
        prov = Provenance(p.source_kind, p.source_url, p.fetched_at) if p.source_kind else None
        out[_fact_key("position", p.title, p.start)] = prov
    for s in row.skills:
        prov = Provenance(s.source_kind, s.source_url, s.fetched_at) if s.source_kind else None
        out[_fact_key("skill", s.name)] = prov
    for e in row.education:
        prov = Provenance(e.source_kind, e.source_url, e.fetched_at) if e.source_kind else None
        out[_fact_key("education", e.institution, e.degree)] = prov
    return out


def _store_facts(
    uow: UnitOfWork,
    candidate_id: int,
    updated: Candidate,
    linked: Sequence[LinkedProfile],
    stored: Mapping[tuple[str, ...], Provenance | None],
    now: datetime,
) -> None:
    """Replace the candidate's facts with the updated record, each with its provenance."""
    found: dict[tuple[str, ...], Provenance] = {}
    for lp in sorted(linked, key=lambda lp: lp.record.fetched_at or now):
        r = lp.record
        prov = Provenance(r.kind, r.url, r.fetched_at or now)
        for p in r.positions:
            found.setdefault(_fact_key("position", p.title, p.start), prov)
        for s in r.skills:
            found.setdefault(_fact_key("skill", s), prov)
        for e in r.education:
            found.setdefault(_fact_key("education", e.institution, e.degree), prov)

    newest = max(linked, key=lambda lp: lp.record.fetched_at or now).record
    fallback = Provenance(newest.kind, newest.url, newest.fetched_at or now)

    def prov_of(key: tuple[str, ...]) -> Provenance | None:
        """Stored facts keep their provenance; new ones name the record that gave them."""
        return stored[key] if key in stored else found.get(key, fallback)

    def position_key(p: Position) -> tuple[str, ...]:
        return _fact_key("position", p.title, p.start)

    def education_key(e: Education) -> tuple[str, ...]:
        return _fact_key("education", e.institution, e.degree)

    uow.candidates.replace_facts(
        candidate_id,
        positions=[(p, prov_of(position_key(p))) for p in updated.positions],
        skills=[(s, prov_of(_fact_key("skill", s))) for s in updated.skills],
        education=[(e, prov_of(education_key(e))) for e in updated.education],
        location=updated.location,
        now=now,
    )
