"""``medalist schedule``: the nightly refresh and the webhook retries, on APScheduler 3.

Jobs are kept in the database (``SQLAlchemyJobStore``), so a firing missed while the scheduler
was down runs once when it is back within ``MEDALIST_MISFIRE_GRACE`` seconds (``coalesce``:
never twice). Every refresh holds the ``refresh`` lease (:mod:`storage.lease`), so two
schedulers started by mistake, or a ``medalist run`` by hand, never refresh at the same time:
the one refused logs it and skips.

Jobs are a registry (:data:`JOBS`) of :class:`JobSpec`: adding one (the retention purge) is
one entry. The stored job names only :func:`run_job` and the spec's id, never the settings.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from enrichment.errors import ConfigurationError
from medalist.database import REFRESH_LEASE, WEBHOOKS_LEASE, engine_of, lease_owner
from medalist.settings import Settings
from storage.lease import LeaseHeld, hold_lease

log = logging.getLogger("medalist.scheduler")

#: The table APScheduler keeps its jobs in.
JOBS_TABLE = "apscheduler_jobs"


@dataclass(frozen=True)
class JobContext:
    """What a job body gets: the settings, the database, and the stop event (SIGTERM)."""

    settings: Settings
    session_factory: sessionmaker[Session]
    stop: threading.Event


@dataclass(frozen=True)
class JobSpec:
    """One scheduled job: a stable ``id`` (its row in the job store), when it fires, what it
    does (``body`` returns the line logged for the run), and the lease it holds, if any."""

    id: str
    trigger: Callable[[Settings], BaseTrigger]
    body: Callable[[JobContext], str]
    lease: str | None = None


def nightly_trigger(settings: Settings) -> CronTrigger:
    """``MEDALIST_SCHEDULE`` read in ``MEDALIST_TIMEZONE``; a clear error naming the bad one."""
    try:
        zone = ZoneInfo(settings.timezone)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ConfigurationError(
            f"MEDALIST_TIMEZONE {settings.timezone!r} is not a time zone: use an IANA name "
            f"such as 'UTC' or 'Europe/Berlin' ({type(error).__name__})"
        ) from None
    try:
        return CronTrigger.from_crontab(_cron_weekdays(settings.schedule), timezone=zone)
    except ValueError as error:
        raise ConfigurationError(
            f"MEDALIST_SCHEDULE {settings.schedule!r} is not a cron expression: give five "
            f"fields, minute hour day month weekday, e.g. '0 2 * * *' ({error})"
        ) from None


_DAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _cron_weekdays(expression: str) -> str:
    """``expression`` with numeric weekdays spelled out: cron counts 0 (or 7) as Sunday,
    APScheduler 3's ``from_crontab`` as Monday, so ``0 2 * * 1`` would fire on Tuesdays."""
    fields = expression.split()
    if len(fields) != 5 or not any(c.isdigit() for c in fields[4]):
        return expression
    days: list[str] = []
    for item in fields[4].split(","):
        if not any(c.isdigit() for c in item):
            days.append(item)
            continue
        span, _, step_text = item.partition("/")
        if not (step_text or "1").isdigit():
            raise ValueError(f"bad weekday step {item!r}")
        step = int(step_text or "1")
        if span == "*":
            first, last = 0, 6
        else:
            low, _, high = span.partition("-")
            if not low.isdigit() or (high and not high.isdigit()):
                raise ValueError(f"bad weekday {item!r}: use 0-7 or sun..sat")
            first = int(low)
            last = int(high) if high else (6 if step_text else first)
        if not 0 <= first <= last <= 7 or step < 1:
            raise ValueError(f"bad weekday {item!r}: use 0-7 (0 and 7 are Sunday)")
        days.extend(_DAY_NAMES[day] for day in range(first, last + 1, step))
    fields[4] = ",".join(dict.fromkeys(days))
    return " ".join(fields)


def every_minute(_settings: Settings) -> IntervalTrigger:
    return IntervalTrigger(minutes=1)


def refresh_body(context: JobContext) -> str:
    """The nightly refresh of the due candidates; ends early when ``stop`` is set."""
    from medalist.refresh import Refresher

    summary = Refresher(context.settings, context.session_factory).run(stop=context.stop)
    line = (
        f"run {summary.run_id}: {summary.candidates} candidate(s), {summary.sources} source(s) "
        f"({summary.fetched} fetched, {summary.not_modified} not modified, "
        f"{summary.failed} failed), {summary.events_new} new event(s)"
    )
    if summary.all_failed:
        line += f"; {summary.why_failed()}"
    return line


def webhooks_body(context: JobContext) -> str:
    """Deliver (or retry) every webhook delivery that is due."""
    from medalist.webhooks import deliver_due

    counts = deliver_due(context.settings, context.session_factory)
    return (
        f"{counts.attempted} attempted, {counts.delivered} delivered, "
        f"{counts.retrying} retrying, {counts.failed} given up"
    )


def daily(_settings: Settings) -> IntervalTrigger:
    return IntervalTrigger(hours=24)


def purge_body(context: JobContext) -> str:
    """The retention purge (:mod:`medalist.services.retention`)."""
    from medalist.services import retention

    purged = retention.purge(
        context.session_factory, retention_days=context.settings.retention_days
    )
    return retention.summary(purged)


REFRESH_JOB = JobSpec("medalist.refresh", nightly_trigger, refresh_body, lease=REFRESH_LEASE)
WEBHOOKS_JOB = JobSpec("medalist.webhooks", every_minute, webhooks_body, lease=WEBHOOKS_LEASE)
PURGE_JOB = JobSpec("medalist.purge", daily, purge_body)

#: Every job ``medalist schedule`` runs.
JOBS: tuple[JobSpec, ...] = (REFRESH_JOB, WEBHOOKS_JOB, PURGE_JOB)

_active: MedalistScheduler | None = None


def run_job(job_id: str) -> None:
    """The function every stored job calls: runs the active scheduler's spec ``job_id``."""
    if _active is None:
        raise RuntimeError(f"job {job_id!r} fired with no medalist scheduler running")
    _active.run_now(job_id)


class MedalistScheduler:
    """The jobs of ``specs`` on a scheduler whose jobs are kept in the database."""

    def __init__(
        self,
        settings: Settings,
        session_factory: sessionmaker[Session],
        *,
        specs: Sequence[JobSpec] = JOBS,
        scheduler: BaseScheduler | None = None,
        owner: str | None = None,
    ) -> None:
        self.settings = settings
        self.session_factory = session_factory
        self.specs = {spec.id: spec for spec in specs}
        self.triggers = {spec.id: spec.trigger(settings) for spec in specs}  # validates
        self.stop = threading.Event()
        self._starting = threading.Lock()
        self._started = False
        self.owner = owner or lease_owner()
        self.scheduler = scheduler or BlockingScheduler()
        self.scheduler.configure(
            jobstores={"default": SQLAlchemyJobStore(engine=self.engine, tablename=JOBS_TABLE)},
            executors={"default": ThreadPoolExecutor(max(2, len(self.specs)))},
            job_defaults={
                "coalesce": True,
                "max_instances": 1,
                "misfire_grace_time": settings.misfire_grace,
            },
            timezone=UTC,
        )

    @property
    def engine(self) -> Engine:
        return engine_of(self.session_factory)

    def run_now(self, job_id: str) -> bool:
        """Run one job's body now (under its lease); False when the lease is held elsewhere."""
        spec = self.specs[job_id]
        context = JobContext(self.settings, self.session_factory, self.stop)
        started = time.monotonic()
        try:
            if spec.lease is None:
                line = spec.body(context)
            else:
                with hold_lease(self.engine, spec.lease, owner=self.owner) as lease:
                    line = spec.body(context)
                if lease.lost:
                    log.warning("%s: the %r lease was lost during the run", spec.id, spec.lease)
        except LeaseHeld as held:
            log.info("%s: skipped: %s", spec.id, held)
            return False
        log.info("%s: %s (%.1fs)", spec.id, line, time.monotonic() - started)
        return True

    def add_jobs(self) -> None:
        """Store every job (stable id, replacing the old row), keeping a missed firing."""
        missed = self._missed_firings()
        for job_id, trigger in self.triggers.items():
            options: dict[str, Any] = {}
            if job_id in missed:
                options["next_run_time"] = missed[job_id]
            self.scheduler.add_job(
                run_job,
                trigger,
                args=[job_id],
                id=job_id,
                name=job_id,
                replace_existing=True,
                **options,
            )

    def _missed_firings(self) -> dict[str, datetime]:
        """Stored next run times already past: replacing the job must not forget them, so
        APScheduler runs them once (within the grace time) when it starts."""
        if not inspect(self.engine).has_table(JOBS_TABLE):
            return {}
        now = time.time()
        with self.engine.connect() as connection:
            rows = connection.execute(
                text(f"select id, next_run_time from {JOBS_TABLE} where next_run_time < :now"),
                {"now": now},
            ).all()
        missed: dict[str, datetime] = {}
        for job_id, at in rows:
            if job_id in self.specs and isinstance(at, int | float):
                missed[job_id] = datetime.fromtimestamp(at, UTC)
        return missed

    def start(self) -> None:
        """Store the jobs and run them (blocks for a BlockingScheduler until shut down)."""
        global _active
        _active = self
        self._create_jobs_table()
        self.add_jobs()
        log.info(
            "scheduler %s: %s",
            self.owner,
            ", ".join(f"{i} ({t})" for i, t in self.triggers.items()),
        )
        with self._starting:
            if self.stop.is_set():  # a SIGTERM while the jobs were being stored
                return
            self._started = True
        try:
            self.scheduler.start()
        except BaseException:
            with self._starting:
                self._started = False
            raise

    def _create_jobs_table(self) -> None:
        """Create APScheduler's table once, even with two schedulers starting together (its
        own ``create_all`` races on PostgreSQL: one of them would fail)."""
        store = self.scheduler._lookup_jobstore("default")
        assert isinstance(store, SQLAlchemyJobStore)
        for attempt in range(5):
            try:
                store.jobs_t.create(self.engine, checkfirst=True)
                return
            except DBAPIError:
                if attempt == 4:
                    raise
                time.sleep(0.2)

    def shutdown(self) -> None:
        """Ask running jobs to stop, wait for them, stop the scheduler."""
        self.stop.set()
        while True:
            with self._starting:
                if not self._started:
                    return  # start() sees the stop event and does not start
            if self.scheduler.running:
                self.scheduler.shutdown(wait=True)
                return
            time.sleep(0.05)  # start() is between deciding to start and running
