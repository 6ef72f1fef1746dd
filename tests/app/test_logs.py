"""Log lines: JSON objects off a terminal, text without control sequences on one."""

from __future__ import annotations

import io
import json
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from medalist.logs import configure
from medalist.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def restore_root() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.mark.usefixtures("restore_root")
def test_off_a_terminal_each_line_is_one_json_object_with_the_records_fields() -> None:
    out = io.StringIO()
    configure(Settings(), out)
    try:
        raise ValueError("boom")
    except ValueError:
        logging.getLogger("medalist.refresh").exception(
            "run %d: page said \x1b[31mred\x1b[0m", 7, extra={"run_id": 7, "counts": {"failed": 1}}
        )
    (line,) = out.getvalue().splitlines()
    data = json.loads(line)
    assert data["level"] == "error" and data["logger"] == "medalist.refresh"
    assert data["message"] == "run 7: page said \x1b[31mred\x1b[0m"  # escaped by JSON, not lost
    assert data["run_id"] == 7 and data["counts"] == {"failed": 1}
    assert data["ts"].endswith("Z") and "ValueError: boom" in data["exception"]
    assert "\x1b" not in line


@pytest.mark.usefixtures("restore_root")
def test_on_a_terminal_lines_are_text_without_escape_sequences() -> None:
    out = _Terminal()
    configure(Settings(), out)
    logging.getLogger("medalist.refresh").warning("a page said \x1b]8;;http://x\x07hi\x1b]8;;\x07")
    text = out.getvalue()
    assert "WARNING medalist.refresh: a page said hi" in text
    assert "\x1b" not in text and "\x07" not in text


@pytest.mark.usefixtures("restore_root")
def test_the_level_setting_drops_less_important_lines_and_a_second_call_replaces_the_first() -> (
    None
):
    first, second = io.StringIO(), io.StringIO()
    configure(Settings(log_format="json"), first)
    configure(Settings(log_format="text", log_level="WARNING"), second)
    logging.getLogger("medalist").info("quiet")
    logging.getLogger("medalist").warning("loud")
    assert first.getvalue() == ""
    assert "loud" in second.getvalue() and "quiet" not in second.getvalue()


def test_medalist_run_off_a_terminal_logs_its_start_and_end_as_json(tmp_path: Path) -> None:
    env = {"MEDALIST_DATABASE_URL": f"sqlite:///{tmp_path / 'm.db'}", "PYTHONPATH": str(ROOT)}
    for args in (["db", "upgrade"], ["run"]):
        done = subprocess.run(
            [sys.executable, "-m", "medalist", *args],
            env={**env, "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
    events = [json.loads(line) for line in done.stderr.splitlines()]
    assert [e.get("event") for e in events] == ["run_started", "run_finished"]
    assert events[1]["counts"]["sources"] == 0 and events[1]["run_id"] == 1
    assert done.stdout.startswith("run 1: 0 candidate(s)")
