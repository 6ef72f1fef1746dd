"""Log lines of the long-running commands (``run``, ``schedule``).

On a terminal they are text for a person; otherwise (a service manager, cron, a container's
log collector) one JSON object per line, so a night's run can be searched and alerted on:

    {"ts": "2026-12-02T02:00:03.120Z", "level": "info", "logger": "medalist.refresh",
     "message": "run 12 finished: ...", "run_id": 12, "counts": {...}}

Fields given with ``log.info(..., extra={...})`` become keys of the object. Scraped text can
reach a log line (an error message quoting a page): the text format removes its control
characters, and JSON escapes them.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import IO, Any

from medalist.settings import Settings
from medalist.terminal import clean

#: Attributes every ``LogRecord`` has; anything else on a record came from ``extra``.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    """One JSON object per record."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                out[key] = value
        if record.exc_info:
            out["exception"] = self.formatException(record.exc_info)
        return json.dumps(out, default=str, ensure_ascii=False)


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is when a line is logged (a test runner swaps it)."""

    @property
    def stream(self) -> IO[str]:
        return sys.stderr

    @stream.setter
    def stream(self, _value: IO[str]) -> None:
        pass


class TextFormatter(logging.Formatter):
    """``time level logger: message``, without terminal control sequences."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        return clean(super().format(record))


def configure(settings: Settings, stream: IO[str] | None = None) -> logging.Handler:
    """Send the root logger's lines to ``stream`` (else standard error) in the configured format;
    replaces a handler an earlier call installed. Returns the handler."""
    kind = settings.log_format
    if kind == "auto":
        kind = "text" if (stream or sys.stderr).isatty() else "json"
    handler = logging.StreamHandler(stream) if stream is not None else _StderrHandler()
    handler.setFormatter(JsonFormatter() if kind == "json" else TextFormatter())
    handler.set_name("medalist")
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == "medalist"]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(settings.log_level)
    # the scheduler's own lines repeat what medalist logs about each job; the migration
    # check's say nothing an operator needs
    for chatty in ("apscheduler", "alembic"):
        logging.getLogger(chatty).setLevel(max(logging.WARNING, root.level))
    return handler
