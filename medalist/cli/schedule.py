"""``medalist schedule``: run the scheduler in the foreground until SIGTERM or SIGINT."""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType

import click

from medalist.cli._context import settings_from


@click.command("schedule")
@click.option("--once", is_flag=True, help="Run the nightly refresh now, once, and exit.")
@click.pass_context
def schedule(ctx: click.Context, once: bool) -> None:
    """Run the nightly refresh (MEDALIST_SCHEDULE in MEDALIST_TIMEZONE) and webhook retries.

    Jobs are kept in the database; a firing missed while down runs once on return within
    MEDALIST_MISFIRE_GRACE. SIGTERM or SIGINT stops the running refresh early and exits 0."""
    from medalist.database import open_database
    from medalist.logs import configure
    from medalist.scheduler import REFRESH_JOB, MedalistScheduler

    settings = settings_from(ctx)
    configure(settings)
    scheduler = MedalistScheduler(settings, open_database(settings))
    if once:
        if not scheduler.run_now(REFRESH_JOB.id):
            ctx.exit(1)
        return

    stopping: list[threading.Thread] = []

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        if stopping:
            return
        logging.getLogger("medalist.scheduler").info(
            "%s: stopping after the running jobs", signal.Signals(signum).name
        )
        scheduler.stop.set()
        thread = threading.Thread(target=scheduler.shutdown, name="scheduler-shutdown")
        stopping.append(thread)
        thread.start()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    scheduler.start()
    for thread in stopping:
        thread.join()
