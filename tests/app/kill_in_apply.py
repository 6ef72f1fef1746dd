"""``python kill_in_apply.py N ARGS...``: ``medalist ARGS...`` that kills itself with SIGKILL
right after the N-th event row is written, inside that candidate's unit of work and before
its commit: a crash in the middle of the apply step, not of the crawl."""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

from medalist.cli import main

limit = int(sys.argv.pop(1))
written = 0


@event.listens_for(Engine, "after_cursor_execute")
def _maybe_die(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
    global written
    if statement.lstrip().upper().startswith("INSERT INTO EVENTS"):
        written += 1
        if written >= limit:
            os.kill(os.getpid(), signal.SIGKILL)


sys.argv[0] = "medalist"
main()
