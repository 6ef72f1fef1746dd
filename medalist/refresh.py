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

import hashlib
import itertools
import json
import logging
import tempfile
import threading
import time
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, Any

from sqlalchemy.orm import Session, sessionmaker

from crawler.ordering import deal, host_of
from enrichment import caches
from enrichment.diff import GoneSource, LinkedProfile, diff, profile_gone
from enrichment.errors import InvalidRecord, MedalistError
from enrichment.events import event_dict
from enrichment.matching import CandidateIndex, Decisions, MatchResult, profile_key
from enrichment.matching.training import TrainedWeights
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
from enrichment.protocol import FetchStatus, Result, Target
from medalist.importing.erasure import ErasureKey
from medalist.services import weights
from medalist.services.privacy import PrivacyScreen
from medalist.settings import Settings
from storage.models import CandidateRow, SourceRow
from storage.repositories import NotModified, Provenance
from storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

#: ``crawl(targets, settings)``: one :class:`Result` per target, yielded as each is answered.
Crawl = Callable[[Iterable[Target], Settings], Iterable[Result]]
#: Applied candidates between two emptyings of the enrichment core's caches (name parsing and
#: the like: :mod:`enrichment.caches`), which would otherwise grow with every person seen.
CLEAR_CACHES_EVERY = 2000
#: A source that answered 404/410 this many runs in a row is reported as ``profile_gone``.
GONE_AFTER = 2
#: Seconds between updates of a running run's row.
HEARTBEAT_EVERY = 30.0
#: A killed run's fetched results are reused by the next run when it started this recently.
RESUME_WITHIN = timedelta(hours=24)
#: Unchanged candidates (every source 304) are recorded together, this many at a time or
#: after this many seconds, whichever comes first.
QUIET_BATCH = 250
#: Candidates whose sources are read from the database at a time while planning.
PLAN_CHUNK = 2000
QUIET_EVERY = 2.0


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
    #: Failed sources counted by kind (:data:`enrichment.protocol.ERROR_KINDS`).
    errors_by_kind: Counter[str] = field(default_factory=Counter)

    def counts(self) -> dict[str, Any]:
        counts: dict[str, Any] = {
            k: v for k, v in vars(self).items() if isinstance(v, int) and k != "run_id"
        }
        counts["errors_by_kind"] = dict(sorted(self.errors_by_kind.items()))
        return counts

    @property
    def all_failed(self) -> bool:
        """Every source of the run failed: the run did nothing it was asked to."""
        return self.sources > 0 and self.failed == self.sources

    def why_failed(self) -> str:
        ranked = sorted(self.errors_by_kind.items(), key=lambda item: (-item[1], item[0]))
        kinds = ", ".join(f"{n} {kind}" for kind, n in ranked)
        return f"all {self.sources} source(s) failed ({kinds})"


@dataclass
class _Found:
    """Linked records and fetch results gathered for one candidate."""

    linked: list[LinkedProfile] = field(default_factory=list)
    results: list[tuple[int, Result]] = field(default_factory=list)


@dataclass
class _Plan:
    """What a run works on: owners of the candidates' sources, and the watched sources."""

    run_id: int
    chosen: list[str]
    owners: dict[int, str]
    waiting: Counter[str]
    watched: set[int]
    #: What to fetch, in order (read back from the plan's spool file as the crawl takes it).
    targets: Iterable[Target]
    #: Results a killed run had already fetched for this run's sources: not fetched again.
    reused: list[Result] = field(default_factory=list)
    #: How many targets ``targets`` yields.
    planned: int = 0


class _Parked:
    """Results of candidates still waiting for another of their targets, kept in a temporary
    file rather than in memory. The crawler runs one spider per kind, each at its own pace, so
    a candidate's JSON Resume may answer long before its website does; holding each such
    result (parsed records and all) until its candidate is complete made the run's memory grow
    with the number of candidates. Here each costs one offset until it is taken back."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
        self._spots: dict[str, list[tuple[int, int]]] = {}

    def put(self, external_id: str, source_id: int, result: Result) -> None:
        self._file.seek(0, 2)
        offset = self._file.tell()
        self._file.write(json.dumps(result.to_dict(), ensure_ascii=False).encode() + b"\n")
        self._spots.setdefault(external_id, []).append((source_id, offset))

    def take(self, external_id: str) -> list[tuple[int, Result]]:
        """The parked results of ``external_id`` (none if it has none), forgotten here."""
        taken = []
        for source_id, offset in self._spots.pop(external_id, ()):
            self._file.seek(offset)
            taken.append((source_id, Result.from_dict(json.loads(self._file.readline()))))
        if not self._spots:  # nothing parked: the file starts again from nothing
            self._file.seek(0)
            self._file.truncate()
        return taken

    def owners(self) -> list[str]:
        return list(self._spots)

    def close(self) -> None:
        self._file.close()


def _read_back(spool: IO[bytes], offsets: Iterable[int]) -> Iterator[Target]:
    """The targets at ``offsets`` of the plan's spool file; the file is closed after."""
    with spool:
        for offset in offsets:
            spool.seek(offset)
            yield Target.from_dict(json.loads(spool.readline()))


def _records(result: Result, where: str) -> list[ProfileRecord]:
    records = []
    for i, data in enumerate(result.records):
        try:
            records.append(ProfileRecord.from_dict(data, where=f"{where} record {i}"))
        except InvalidRecord as error:
            log.warning("skipping a record the crawler returned: %s", error)
    return records


def _linked(record: ProfileRecord, match: MatchResult) -> LinkedProfile:
    return LinkedProfile(record=record, score=match.score, method=match.method)


class Refresher:
    """Runs refreshes against one database with one crawler.

    A run is three steps: **plan** (pick the candidates and their targets), then, as each
    crawl result streams in, **link** (own sources by identifier or URL, many-person sources
    through the matcher) and **apply** (one unit of work per candidate, committed as soon as
    all of that candidate's own targets have answered). A ``kill -9`` loses at most the
    candidates in flight; the next run picks them up again because they are still due.
    """

    def __init__(
        self,
        settings: Settings,
        session_factory: sessionmaker[Session],
        *,
        crawl: Crawl | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.settings = settings
        self.session_factory = session_factory
        self.crawl = crawl or self._stream
        self.clock = clock
        self._index: CandidateIndex | None = None
        #: level weights estimated from the review queue's decisions (medalist.weights)
        self._trained: TrainedWeights | None = None
        self._privacy: PrivacyScreen | None = None
        self._run_id: int | None = None
        self.stop: threading.Event | None = None

    def _stream(self, targets: Iterable[Target], settings: Settings) -> Iterator[Result]:
        from medalist.crawling import stream

        timeout = settings.run_timeout or None
        workdir = self._workdir(self._run_id) if self._run_id is not None else None
        return stream(targets, settings, timeout=timeout, stop=self.stop, workdir=workdir)

    def _workdir(self, run_id: int) -> Path:
        """Where a run's crawl keeps its files: it outlives a killed run, whose results the
        next run reads instead of fetching those sources again."""
        database = hashlib.sha256(self.settings.database_url.encode()).hexdigest()[:12]
        return Path(tempfile.gettempdir()) / "medalist-runs" / f"{database}-{run_id}"

    def _leftovers(self, killed: Iterable[int]) -> dict[str, Result]:
        from medalist.crawling import leftover_results

        found: dict[str, Result] = {}
        for run_id in killed:
            for source_id, result in leftover_results(self._workdir(run_id)).items():
                found.setdefault(source_id, result)
        return found

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.session_factory)

    # -- 1. plan ---------------------------------------------------------------------------

    def _plan(self, external_ids: Sequence[str] | None, limit: int | None, everyone: bool) -> _Plan:
        """Pick the candidates and write their targets to a spool file, remembering only each
        target's offset by host: memory stays small however many people are stored."""
        now = self.clock()
        with self.uow() as uow:
            killed = [r.id for r in uow.runs.reap(now) if r.started_at > now - RESUME_WITHIN]
            run = uow.runs.start(now)
            chosen: list[tuple[int, str]]
            if external_ids:
                chosen = []
                for external_id in external_ids:
                    row = uow.candidates.get_row(external_id)
                    if row is None:
                        raise MedalistError(f"no stored candidate {external_id!r}")
                    if not row.may_process:
                        log.info("%s opted out: not refreshed", external_id)
                        continue
                    chosen.append((row.id, row.external_id))
            else:
                chosen = uow.candidates.chosen(
                    now, self.settings.refresh_days, everyone=everyone, limit=limit
                )
            watched = [uow.sources.as_target(s) for s in uow.sources.list_watched()]
            uow.commit()
        reused = self._leftovers(killed)
        plan = _Plan(
            run_id=run.id,
            chosen=[external_id for _, external_id in chosen],
            owners={},
            waiting=Counter(),
            watched={int(t.source_id) for t in watched},
            targets=[],
        )
        plan.reused = [reused[t.source_id] for t in watched if t.source_id in reused]
        # many-person sources first: their links reach candidates before those are applied
        plan.targets = [t for t in watched if t.source_id not in reused]
        spool = tempfile.TemporaryFile()  # noqa: SIM115 - read back by the crawl, then closed
        by_host: dict[str, array[int]] = {}
        with self.uow() as uow:
            for start in range(0, len(chosen), PLAN_CHUNK):
                part = dict(chosen[start : start + PLAN_CHUNK])
                for candidate_id, target in uow.sources.targets_of(list(part)):
                    external_id = part[candidate_id]
                    plan.owners[int(target.source_id)] = external_id
                    plan.waiting[external_id] += 1
                    if target.source_id in reused:
                        plan.reused.append(reused[target.source_id])
                        continue
                    by_host.setdefault(host_of(target), array("q")).append(spool.tell())
                    spool.write(json.dumps(target.to_dict(), ensure_ascii=False).encode() + b"\n")
        plan.planned = sum(len(offsets) for offsets in by_host.values()) + len(plan.targets)
        # the rest dealt round-robin across hosts and APIs, so no one host starves the run
        plan.targets = itertools.chain(plan.targets, _read_back(spool, deal(by_host.values())))
        return plan

    # -- 2. link ---------------------------------------------------------------------------

    def _weights(self, run_id: int, *, train: bool) -> TrainedWeights | None:
        """The level weights of this run: estimated again from the review queue's confirmed
        links when there are enough and the run matches many-person sources (``train``: the
        index of every candidate is built for them anyway), and stored with the run; else the
        last stored set, else None (the hand-set weights). ``MEDALIST_MATCH_WEIGHTS=hand``
        always gives None."""
        if self.settings.match_weights == "hand":
            return None
        with self.uow() as uow:
            if not train or uow.matches.count_confirmed() < self.settings.match_min_pairs:
                return weights.load(uow)
            index = CandidateIndex.build(uow.candidates.iter_active())
            training = weights.train(uow, index, min_pairs=self.settings.match_min_pairs)
            if training.trained is None:
                return weights.load(uow)
            weights.save(uow, training, run_id=run_id)
            uow.commit()
        log.info("run %d: %s", run_id, training.message, extra={"run_id": run_id})
        index.use(training.trained)
        self._index = index
        return training.trained

    def _screen(self, uow: UnitOfWork, result: Result, *, many: bool = True) -> Result:
        """``result`` without records about people medalist may not process (opted out, or
        erased): nothing of them is stored, matched or queued (medalist.services.privacy).
        ``many`` is false for a candidate's own source: only strong evidence drops a record."""
        if self._privacy is None:
            self._privacy = PrivacyScreen.load(uow, ErasureKey(self.settings.erasure_key))
        return self._privacy.screen(uow, result, many=many)

    def _link_own(
        self, uow: UnitOfWork, candidate: Candidate, record: ProfileRecord
    ) -> MatchResult:
        """A candidate's own source: linked when it is that person, else queued for review."""
        key = profile_key(record)
        decisions = self._decisions(uow, [key])
        own = CandidateIndex.build([candidate], trained=self._trained)
        return own.match(record, decisions=decisions)

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
        self, source_id: int, result: Result, run_id: int, summary: RunSummary
    ) -> dict[str, list[LinkedProfile]]:
        """A watched many-person source answered: record the fetch, match every record
        against all stored candidates; returns the links by candidate."""
        links: dict[str, list[LinkedProfile]] = {}
        with self.uow() as uow:
            self._record_fetch(uow, source_id, self._screen(uow, result), run_id)
            reused = self._screen(uow, self._reuse_snapshot(uow, source_id, result))
            records = _records(reused, f"source {source_id}")
            if records:
                if self._index is None:
                    self._index = CandidateIndex.build(
                        uow.candidates.iter_active(), trained=self._trained
                    )
                decisions = self._decisions(uow, {profile_key(r) for r in records})
                for record in records:
                    summary.records += 1
                    match = self._index.match(record, decisions=decisions)
                    if match.decision == "link" and match.candidate_id:
                        links.setdefault(match.candidate_id, []).append(_linked(record, match))
                        summary.linked += 1
                    elif match.decision == "review":
                        summary.review += int(self._queue_review(uow, record, match, source_id))
            uow.commit()
        return links

    # -- 3. apply, per candidate -----------------------------------------------------------

    def _record_fetch(
        self, uow: UnitOfWork, source_id: int, result: Result, run_id: int
    ) -> SourceRow:
        fetched_at = parse_timestamp(result.fetched_at) or self.clock()
        source = uow.sources.record_fetch(
            source_id,
            status=result.status.value,
            fetched_at=fetched_at,
            http_status=result.http_status,
            etag=result.etag,
            last_modified=result.last_modified,
            content_hash=result.content_hash,
            error=result.error,
        )
        if result.status is FetchStatus.OK:
            uow.snapshots.add(
                source_id,
                kind=source.kind,
                fetched_at=fetched_at,
                records=list(result.records),
                url=result.url,
                content_hash=result.content_hash,
                run_id=run_id,
            )
        return source

    def _reuse_snapshot(self, uow: UnitOfWork, source_id: int, result: Result) -> Result:
        """A source answered 304: its records are those of its last snapshot. Reading them
        again lets a reviewer's decision, or a candidate imported since, take effect on a page
        that has not changed; the diff and the event store make the repetition harmless."""
        if result.status is FetchStatus.NOT_MODIFIED and not result.records:
            snapshot = uow.snapshots.latest(source_id)
            if snapshot is not None:
                result.records = list(snapshot.records)
        return result

    def _count_fetch(self, result: Result, summary: RunSummary) -> None:
        summary.sources += 1
        if result.status is FetchStatus.OK:
            summary.fetched += 1
        elif result.status is FetchStatus.NOT_MODIFIED:
            summary.not_modified += 1
        else:
            summary.failed += 1
            summary.errors_by_kind[result.error_kind or "other"] += 1

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
            if row is None or not row.may_process:
                return
            stored = uow.candidates.to_domain(row)
            provenance = _stored_provenance(row)
            linked = list(found.linked)
            changes: list[Change] = []
            gone: list[GoneSource] = []
            for source_id, result in found.results:
                result = self._screen(uow, result, many=False)
                source = self._record_fetch(uow, source_id, result, run_id)
                if result.status is FetchStatus.GONE and source.gone_count >= GONE_AFTER:
                    gone.append(
                        GoneSource(
                            kind=source.kind,
                            url=source.url,
                            identifier=source.identifier,
                            http_status=result.http_status,
                            checked_at=parse_timestamp(result.fetched_at) or now,
                            last_seen_at=source.last_verified_at,
                        )
                    )
                result = self._reuse_snapshot(uow, source_id, result)
                result = self._screen(uow, result, many=False)
                for record in _records(result, f"source {source_id}"):
                    summary.records += 1
                    match = self._link_own(uow, stored, record)
                    if match.decision == "link":
                        linked.append(_linked(record, match))
                        summary.linked += 1
                    elif match.decision == "review":
                        summary.review += int(self._queue_review(uow, record, match, source_id))
            if gone:
                changes.append(profile_gone(stored, gone, today=now.date()))
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

    def _apply_quiet(
        self, batch: Sequence[tuple[str, _Found]], run_id: int
    ) -> list[tuple[str, _Found]]:
        """The quiet night's shortcut, for many candidates in one unit of work: those whose
        sources all answered 304, whom nothing else links to, and whose stored record and
        review decisions are no newer than their last refresh. For them nothing can have
        changed, so only the fetches are recorded (no snapshot read, no linking, no diff).
        Returns the others, to be applied one by one."""
        now = self.clock()
        with self.uow() as uow:
            states = {s.external_id: s for s in uow.candidates.refresh_state([e for e, _ in batch])}
            decided = uow.matches.last_decided([s.id for s in states.values()])
            quiet: list[int] = []
            fetches: list[NotModified] = []
            rest: list[tuple[str, _Found]] = []
            for external_id, found in batch:
                state = states.get(external_id)
                if state is None or not state.may_process:  # erased or opted out since the plan
                    continue
                since = state.last_refreshed_at
                if (
                    since is None
                    or state.updated_at > since
                    or decided.get(state.id, since) > since
                ):
                    rest.append((external_id, found))
                    continue
                quiet.append(state.id)
                fetches += [
                    NotModified(
                        source_id,
                        parse_timestamp(result.fetched_at) or now,
                        result.http_status,
                        result.etag,
                        result.last_modified,
                    )
                    for source_id, result in found.results
                ]
            uow.sources.record_not_modified(fetches)
            uow.candidates.mark_refreshed_many(quiet, now)
            uow.commit()
        return rest

    # -- the run ---------------------------------------------------------------------------

    def run(
        self,
        *,
        external_ids: Sequence[str] | None = None,
        limit: int | None = None,
        everyone: bool = False,
        progress: Callable[[Iterable[Result], int], Iterable[Result]] | None = None,
        stop: threading.Event | None = None,
    ) -> RunSummary:
        """One refresh. ``progress(results, total)`` may wrap the result stream (a progress
        bar); ``stop``, once set, ends the crawl early (the scheduler's SIGTERM): what was
        answered is applied, the rest is retried next run."""
        self.stop = stop
        self._index = None
        self._privacy = None
        self._run_id = None
        plan = self._plan(external_ids, limit, everyone)
        self._trained = self._weights(plan.run_id, train=bool(plan.watched))
        summary = RunSummary(run_id=plan.run_id, candidates=len(plan.chosen))
        log.info(
            "run %d started: %d candidate(s), %d source(s) to fetch, %d reused from a killed run",
            plan.run_id,
            len(plan.chosen),
            plan.planned,
            len(plan.reused),
            extra={"run_id": plan.run_id, "event": "run_started"},
        )
        status = "finished"
        applied = 0
        parked = _Parked()
        try:
            with self.uow() as uow:
                requisitions = uow.requisitions.list_open()
            found: dict[str, _Found] = {}

            def collect(external_id: str) -> _Found:
                """What was gathered for ``external_id``: links, and its parked results."""
                own = found.pop(external_id, _Found())
                own.results[:0] = parked.take(external_id)
                return own

            quiet: list[tuple[str, _Found]] = []
            flushed = time.monotonic()

            def apply(external_id: str, own: _Found | None = None) -> None:
                nonlocal applied
                applied += 1
                try:
                    self._refresh_one(
                        external_id,
                        own if own is not None else collect(external_id),
                        plan.run_id,
                        summary,
                        requisitions,
                    )
                except MedalistError as error:
                    summary.errors.append(f"{external_id}: {error}")
                except Exception as error:  # one candidate's data must not stop everyone's run
                    log.exception("refreshing %s failed", external_id)
                    summary.errors.append(f"{external_id}: {type(error).__name__}: {error}")
                    summary.errors_by_kind["candidate"] += 1

            def flush_quiet() -> None:
                """Apply the quiet candidates gathered so far, together."""
                nonlocal flushed, applied
                batch, quiet[:] = list(quiet), []
                flushed = time.monotonic()
                if not batch:
                    return
                try:
                    rest = self._apply_quiet(batch, plan.run_id)
                except Exception:  # one at a time then, each on its own
                    log.exception("recording %d unchanged candidates at once failed", len(batch))
                    rest = list(batch)
                applied += len(batch) - len(rest)
                for external_id, own in rest:
                    apply(external_id, own)

            def answered(external_id: str) -> None:
                """All of a candidate's own targets answered: apply it, or keep it for the
                next quiet batch when every answer was 304 and nothing else links to it."""
                own = collect(external_id)
                if (
                    own.linked
                    or not own.results
                    or not all(r.status is FetchStatus.NOT_MODIFIED for _, r in own.results)
                ):
                    apply(external_id, own)
                    return
                quiet.append((external_id, own))
                if len(quiet) >= QUIET_BATCH:
                    flush_quiet()

            for external_id in plan.chosen:  # no sources of their own: nothing to wait for
                if not plan.waiting[external_id]:
                    apply(external_id)
            self._run_id = plan.run_id
            results: Iterable[Result] = itertools.chain(
                plan.reused, self.crawl(plan.targets, self.settings)
            )
            if progress is not None:
                results = progress(results, len(plan.reused) + plan.planned)
            heartbeat = time.monotonic()
            cleared = applied
            for result in results:
                source_id = int(result.source_id)
                self._count_fetch(result, summary)
                if source_id in plan.watched:
                    if not result.status.verified:
                        summary.errors.append(f"watched source {source_id}: {result.error}")
                    for external_id, links in self._link_many(
                        source_id, result, plan.run_id, summary
                    ).items():
                        found.setdefault(external_id, _Found()).linked.extend(links)
                        if not plan.waiting[external_id]:  # not in this run, or applied
                            apply(external_id)
                    continue
                owner = plan.owners.get(source_id)
                if owner is None:
                    continue
                plan.waiting[owner] -= 1
                if plan.waiting[owner] > 0:  # more of its own targets to come
                    parked.put(owner, source_id, result)
                else:
                    del plan.waiting[owner]
                    found.setdefault(owner, _Found()).results.append((source_id, result))
                    answered(owner)
                if quiet and time.monotonic() - flushed > QUIET_EVERY:
                    flush_quiet()
                if applied - cleared >= CLEAR_CACHES_EVERY:
                    caches.clear()
                    cleared = applied
                if time.monotonic() - heartbeat > HEARTBEAT_EVERY:
                    heartbeat = time.monotonic()
                    self._heartbeat(plan.run_id, summary)
            flush_quiet()
            # answered by a crawl that ended early
            for external_id in dict.fromkeys([*found, *parked.owners()]):
                apply(external_id)
            summary.candidates = max(summary.candidates, applied)
        except BaseException as error:
            status = "failed"
            summary.errors.append(f"run failed: {error!r}")
            raise
        finally:
            parked.close()
            with self.uow() as uow:
                uow.runs.finish(
                    plan.run_id, status=status, counts=summary.counts(), errors=summary.errors
                )
                uow.commit()
            log.log(
                logging.INFO if status == "finished" and not summary.all_failed else logging.ERROR,
                "run %d %s: %d source(s), %d failed, %d new event(s)",
                plan.run_id,
                status,
                summary.sources,
                summary.failed,
                summary.events_new,
                extra={
                    "run_id": plan.run_id,
                    "event": "run_" + status,
                    "status": status,
                    "counts": summary.counts(),
                },
            )
        return summary

    def _heartbeat(self, run_id: int, summary: RunSummary) -> None:
        """Keep the run's row saying how far it got (``medalist runs`` while it runs)."""
        with self.uow() as uow:
            uow.runs.progress(run_id, counts=summary.counts(), now=self.clock())
            uow.commit()
        log.info(
            "run %d: %d source(s) answered, %d failed, %d new event(s)",
            run_id,
            summary.sources,
            summary.failed,
            summary.events_new,
            extra={"run_id": run_id, "event": "run_progress", "counts": summary.counts()},
        )


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
    located = [lp.record for lp in linked if lp.record.location == updated.location]
    location_from = (
        Provenance(located[-1].kind, located[-1].url, located[-1].fetched_at or now)
        if located
        else fallback
    )

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
        location_provenance=location_from,
        now=now,
    )
