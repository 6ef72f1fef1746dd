"""The per-document parse budget: no document may hold the crawl for long.

A page nested 50,000 ``<div>``\\ s deep takes minutes to walk; a parse that outlives
``MEDALIST_PARSE_BUDGET`` seconds is stopped with :class:`ParseBudgetExceeded` and its target
gets an error result, while every other target goes on. The budget is a ``SIGALRM`` interval
timer, so it applies in the main thread (where Scrapy runs callbacks); elsewhere it is off.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from enrichment.errors import SourceError


class ParseBudgetExceeded(SourceError):
    """A document took longer than the parse budget to read."""


@contextmanager
def parse_budget(seconds: float, url: str) -> Iterator[None]:
    """Raise :class:`ParseBudgetExceeded` in the block once ``seconds`` have passed."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise ParseBudgetExceeded(
            f"{url}: reading the document took longer than the parse budget "
            f"(MEDALIST_PARSE_BUDGET={seconds:g}s): it is too large or nested too deeply"
        )

    previous = signal.signal(signal.SIGALRM, on_alarm)
    remaining, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if remaining:  # an outer budget was running: give it back what it had left
            signal.setitimer(signal.ITIMER_REAL, remaining)
