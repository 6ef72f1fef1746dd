"""A scheduler process for the tests: one job every second whose body records its start and
end to a file, under the refresh lease. ``python scheduler_worker.py URL FILE SECONDS``."""

from __future__ import annotations

import logging
import os
import sys
import threading
import time

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger

from medalist.database import REFRESH_LEASE, open_database
from medalist.scheduler import JobContext, JobSpec, MedalistScheduler
from medalist.settings import load_settings


def main(url: str, record: str, seconds: float) -> None:
    logging.basicConfig(level=logging.INFO, stream=sys.stderr)

    def body(_context: JobContext) -> str:
        with open(record, "a", encoding="utf-8") as out:
            out.write(f"start {time.time()} {os.getpid()}\n")
        time.sleep(0.7)
        with open(record, "a", encoding="utf-8") as out:
            out.write(f"end {time.time()} {os.getpid()}\n")
        return "recorded"

    spec = JobSpec("test.refresh", lambda _s: IntervalTrigger(seconds=1), body, REFRESH_LEASE)
    settings = load_settings(database_url=url)
    scheduler = MedalistScheduler(
        settings, open_database(settings), specs=[spec], scheduler=BlockingScheduler()
    )
    threading.Timer(seconds, scheduler.shutdown).start()
    scheduler.start()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]))
