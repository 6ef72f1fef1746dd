"""``medalist titles``: one JSON line per input line, in order (contract section 2)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from medalist.cli import cli

KEYS = ["title", "company", "level", "level_name", "track", "reasons"]


def _lines(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines()]


def test_reads_standard_input_in_order() -> None:
    given = "Sr. SWE @ Meta\n\nVice President\tGoldman Sachs\nGeschäftsführer\n"
    result = CliRunner().invoke(cli, ["titles"], input=given)
    assert result.exit_code == 0, result.output
    rows = _lines(result.output)
    assert [list(row) for row in rows] == [KEYS] * 4
    assert [row["level"] for row in rows] == [3, None, 4, 8]
    assert rows[0]["title"] == "Sr. SWE @ Meta"
    assert rows[0]["company"] is None
    assert rows[2]["company"] == "Goldman Sachs"
    assert rows[2]["level_name"] == "lead"
    assert rows[3]["track"] == "executive"
    assert rows[1]["reasons"] and rows[1]["level_name"] is None
    assert all(row["reasons"] for row in rows)


def test_dash_means_standard_input() -> None:
    result = CliRunner().invoke(cli, ["titles", "-"], input="Intern\n")
    assert result.exit_code == 0
    assert _lines(result.output)[0]["level"] == 0


def test_reads_a_file(tmp_path: Path) -> None:
    source = tmp_path / "titles.tsv"
    source.write_text("Charge Nurse\nVice President\tAcme Corp\r\nProfessor", encoding="utf-8")
    result = CliRunner().invoke(cli, ["titles", str(source)])
    assert result.exit_code == 0, result.output
    assert [row["level"] for row in _lines(result.output)] == [4, 7, 6]


def test_not_utf8_is_a_clear_error(tmp_path: Path) -> None:
    source = tmp_path / "bad.txt"
    source.write_bytes(b"Intern\n\xff\xfe\n")
    result = CliRunner().invoke(cli, ["titles", str(source)])
    assert result.exit_code == 1
    assert "line 2 is not UTF-8" in result.output


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["titles", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "nope.txt" in result.output
