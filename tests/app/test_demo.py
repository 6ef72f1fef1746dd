"""The demo, as the README runs it: a promotion and a job change found from real-shaped pages."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from medalist.cli import cli


def test_the_demo_finds_a_promotion_and_a_job_change(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    result = CliRunner().invoke(cli, ["demo", "--dir", str(folder)], catch_exceptions=False)

    assert result.exit_code == 0, result.output
    assert "Candidates who leveled up" in result.output
    events = json.loads((folder / "all-events.json").read_text("utf-8"))
    types = {(e["candidate"]["external_id"], e["type"]) for e in events}
    assert ("demo-001", "promotion") in types
    assert ("demo-002", "job_change") in types
    assert ("demo-004", "job_change") in types
    leveled = json.loads((folder / "report.json").read_text("utf-8"))
    assert leveled and all(e["leveled_up"] for e in leveled)
    assert "second run, same web:" in result.output
    assert ", 0 new event(s)" in result.output.split("second run, same web:")[1].splitlines()[0]
    html = (folder / "report.html").read_text("utf-8")
    assert "Ada Quill" in html and "<script" not in html
