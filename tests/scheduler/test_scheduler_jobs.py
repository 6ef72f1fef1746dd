"""The scheduler's triggers come from the settings (bad ones are named), its jobs live in the
database across restarts, and a firing missed within the grace time runs once on return."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from click.testing import Result
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from enrichment.errors import ConfigurationError
from medalist.scheduler import (
    JOBS,
    JOBS_TABLE,
    JobContext,
    JobSpec,
    MedalistScheduler,
    nightly_trigger,
)
from medalist.settings import Settings, load_settings


def test_the_nightly_trigger_is_the_schedule_in_the_time_zone() -> None:
    trigger = nightly_trigger(load_settings(schedule="30 2 * * 1", timezone="Europe/Berlin"))
    after = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)  # a Wednesday
    fire = trigger.get_next_fire_time(None, after)
    assert fire is not None
    assert fire.isoformat() == "2026-12-07T02:30:00+01:00"  # Monday, Berlin time


@pytest.mark.parametrize(
    ("schedule", "first"),
    [
        ("0 2 * * 0", "2026-12-06T02:00:00+01:00"),  # cron's 0 and 7 are Sunday
        ("0 2 * * 7", "2026-12-06T02:00:00+01:00"),
        ("0 2 * * 1-5", "2026-12-02T02:00:00+01:00"),
        ("0 2 * * 4", "2026-12-03T02:00:00+01:00"),  # Thursday
        ("0 2 * * 6,0", "2026-12-05T02:00:00+01:00"),
        ("0 2 * * sun", "2026-12-06T02:00:00+01:00"),
        ("0 2 * * */3", "2026-12-02T02:00:00+01:00"),  # sun, wed, sat
    ],
)
def test_cron_weekdays_count_from_sunday(schedule: str, first: str) -> None:
    trigger = nightly_trigger(load_settings(schedule=schedule, timezone="Europe/Berlin"))
    fire = trigger.get_next_fire_time(None, datetime(2026, 12, 2, 0, 0, tzinfo=UTC))
    assert fire is not None and fire.isoformat() == first


@pytest.mark.parametrize("schedule", ["0 25 * * *", "0 2 * * 8", "every night", "0 2 * *"])
def test_a_bad_schedule_is_named(schedule: str) -> None:
    with pytest.raises(ConfigurationError, match="MEDALIST_SCHEDULE") as caught:
        nightly_trigger(load_settings(schedule=schedule))
    assert "0 2 * * *" in str(caught.value)  # shows a good one


@pytest.mark.parametrize("zone", ["Mars/Olympus", "", "../etc/passwd"])
def test_a_bad_time_zone_is_named(zone: str) -> None:
    with pytest.raises(ConfigurationError, match="MEDALIST_TIMEZONE"):
        nightly_trigger(load_settings(timezone=zone))


def test_medalist_schedule_refuses_a_bad_schedule_in_one_line(database_url: str) -> None:
    from click.testing import CliRunner

    from medalist.cli import cli

    settings = load_settings(database_url=database_url, schedule="61 * * * *")
    result: Result = CliRunner().invoke(cli, ["schedule"], obj=settings)
    assert result.exit_code == 2
    assert result.output.strip().startswith("Error: MEDALIST_SCHEDULE '61 * * * *'")
    assert len(result.output.strip().splitlines()) == 1


def _stored(engine: Engine) -> dict[str, float]:
    with engine.connect() as connection:
        rows = connection.execute(text(f"select id, next_run_time from {JOBS_TABLE}")).all()
    return {str(row[0]): float(row[1]) for row in rows}


def _scheduler(
    settings: Settings,
    session_factory: sessionmaker[Session],
    specs: tuple[JobSpec, ...] = JOBS,
) -> MedalistScheduler:
    return MedalistScheduler(
        settings, session_factory, specs=specs, scheduler=BackgroundScheduler()
    )


def test_the_job_store_survives_a_restart(
    database_url: str, engine: Engine, session_factory: sessionmaker[Session]
) -> None:
    settings = load_settings(database_url=database_url)
    first = _scheduler(settings, session_factory)
    first.start()
    first.shutdown()
    stored = _stored(engine)
    assert set(stored) == {"medalist.refresh", "medalist.webhooks", "medalist.purge"}

    second = _scheduler(settings, session_factory)
    second.start()
    try:
        jobs = {job.id: job for job in second.scheduler.get_jobs()}
        assert set(jobs) == set(stored)
        assert jobs["medalist.refresh"].next_run_time.timestamp() == stored["medalist.refresh"]
        assert jobs["medalist.refresh"].misfire_grace_time == settings.misfire_grace
        assert jobs["medalist.refresh"].coalesce and jobs["medalist.refresh"].max_instances == 1
    finally:
        second.shutdown()
    assert set(_stored(engine)) == set(stored)  # replaced, never duplicated


def _recording(calls: list[datetime], grace: int) -> tuple[JobSpec, ...]:
    def body(_context: JobContext) -> str:
        calls.append(datetime.now(UTC))
        return "recorded"

    yearly: Callable[[Settings], CronTrigger] = lambda _s: CronTrigger(  # noqa: E731
        month=1, day=1, hour=0, timezone=UTC
    )
    return (JobSpec("test.nightly", yearly, body, lease="refresh"),)


@pytest.mark.parametrize(("missed_by", "runs"), [(60, 1), (3600, 0)])
def test_a_missed_firing_runs_once_within_the_grace_time(
    database_url: str,
    engine: Engine,
    session_factory: sessionmaker[Session],
    missed_by: int,
    runs: int,
) -> None:
    settings = load_settings(database_url=database_url, misfire_grace=600)
    calls: list[datetime] = []
    specs = _recording(calls, settings.misfire_grace)
    first = _scheduler(settings, session_factory, specs)
    first.start()
    first.shutdown()
    assert calls == []
    # the scheduler was down when the job was due
    with engine.begin() as connection:
        connection.execute(
            text(f"update {JOBS_TABLE} set next_run_time = :at where id = 'test.nightly'"),
            {"at": time.time() - missed_by},
        )
    again = _scheduler(settings, session_factory, specs)
    again.start()
    try:
        deadline = time.monotonic() + 5
        while len(calls) < runs and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1.5)  # and nothing more
    finally:
        again.shutdown()
    assert len(calls) == runs
    next_run = _stored(engine)["test.nightly"]
    assert next_run > time.time() + 3600  # rescheduled to the next New Year, not retried


def test_a_job_is_skipped_while_the_lease_is_held(
    database_url: str, engine: Engine, session_factory: sessionmaker[Session]
) -> None:
    from storage.lease import hold_lease

    calls: list[datetime] = []
    settings = load_settings(database_url=database_url)
    scheduler = _scheduler(settings, session_factory, _recording(calls, 600))
    with hold_lease(engine, "refresh", owner="someone:1"):
        assert scheduler.run_now("test.nightly") is False
    assert calls == []
    assert scheduler.run_now("test.nightly") is True
    assert len(calls) == 1
    assert timedelta(0) <= datetime.now(UTC) - calls[0] < timedelta(seconds=30)


def test_webhook_deliveries_are_skipped_while_another_scheduler_delivers(
    database_url: str, engine: Engine, session_factory: sessionmaker[Session]
) -> None:
    from medalist.scheduler import WEBHOOKS_JOB, MedalistScheduler
    from storage.lease import hold_lease

    scheduler = MedalistScheduler(load_settings(database_url=database_url), session_factory)
    with hold_lease(engine, "webhooks", owner="other-scheduler:1"):
        assert scheduler.run_now(WEBHOOKS_JOB.id) is False
    assert scheduler.run_now(WEBHOOKS_JOB.id) is True
