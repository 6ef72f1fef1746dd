"""``review decide`` does not flip a decision silently; ``review list`` shows scraped text safely;
``demo --dir`` never empties a folder it did not make."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from enrichment.errors import ConfigurationError
from enrichment.model import Candidate
from medalist.demo.runner import MARKER, prepare_folder
from storage.unit_of_work import UnitOfWork


def _pending(uow: UnitOfWork) -> int:
    with uow:
        uow.candidates.upsert_many([Candidate("ats-1", "Ada")])
        ids = uow.candidates.ids_for(["ats-1"])
        row, _ = uow.matches.add_pending(
            "team:acme#ada",
            {
                "full_name": "Ada \x1b[2J\x1b]0;owned\x07King",
                "kind": "team_page",
                "positions": [{"title": "\x1b[31mCTO\x1b[0m", "company": "Acme"}],
            },
            candidate_id=ids["ats-1"],
            score=0.7,
            method="name",
            reasons=["name similar \x1b]8;;https://evil.example\x1b\\here\x1b]8;;\x1b\\"],
        )
        uow.commit()
        return row.id


def test_a_second_decision_needs_change(uow: UnitOfWork, medalist: Callable[..., Result]) -> None:
    match_id = _pending(uow)
    first = medalist("review", "decide", str(match_id), "link", "--by", "ann")
    assert first.exit_code == 0, first.output
    assert first.stdout.strip() == f"match #{match_id}: link"

    same = medalist("review", "decide", str(match_id), "link", "--by", "bob")
    assert same.exit_code == 0
    assert same.stdout.strip() == f"match #{match_id}: already link (by ann)"

    flip = medalist("review", "decide", str(match_id), "reject", "--by", "bob")
    assert flip.exit_code == 2
    assert flip.stderr.strip() == (
        f"Error: match #{match_id} was already decided: link (by ann); "
        "add --change to make it reject"
    )
    with uow:
        assert uow.matches.remembered("team:acme#ada")[0].status == "linked"

    changed = medalist("review", "decide", str(match_id), "reject", "--by", "bob", "--change")
    assert changed.exit_code == 0, changed.output
    with uow:
        assert uow.matches.remembered("team:acme#ada")[0].status == "rejected"


def test_unknown_match_is_an_input_error(medalist: Callable[..., Result]) -> None:
    result = medalist("review", "decide", "999", "link")
    assert result.exit_code == 2
    assert result.stderr.strip() == "Error: no match #999 (see 'medalist review list')"


def test_review_list_strips_terminal_escapes(
    uow: UnitOfWork, medalist: Callable[..., Result]
) -> None:
    _pending(uow)
    result = medalist("review", "list")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "Ada King (CTO at Acme" in result.stdout
    assert "notes: name similar here" in result.stdout


def test_demo_refuses_a_folder_it_did_not_make(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    keep = folder / "thesis.docx"
    keep.write_text("years of work", encoding="utf-8")
    with pytest.raises(ConfigurationError) as refused:
        prepare_folder(folder)
    assert str(refused.value) == (
        f"{folder} is not empty and was not made by 'medalist demo'; pick an empty or new "
        "--dir, or add --force to delete its contents"
    )
    assert keep.read_text(encoding="utf-8") == "years of work"

    prepare_folder(folder, force=True)
    assert not keep.exists() and (folder / MARKER).is_file()
    (folder / "report.html").write_text("old", encoding="utf-8")
    prepare_folder(folder)  # a demo folder is emptied without asking
    assert sorted(p.name for p in folder.iterdir()) == [MARKER]


def test_demo_command_refuses_with_exit_2(tmp_path: Path, medalist: Callable[..., Result]) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    result = medalist("demo", "--dir", str(folder))
    assert result.exit_code == 2
    assert "was not made by 'medalist demo'" in result.stderr
    assert "Traceback" not in result.output
    assert (folder / "notes.txt").exists()


def test_show_strips_terminal_escapes_from_stored_text(
    uow: UnitOfWork, medalist: Callable[..., Result]
) -> None:
    hostile = (
        "Engineer\x1b[2J\x1b]0;owned\x07\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\"
    )
    with uow:
        uow.candidates.upsert(
            Candidate.from_dict(
                {
                    "external_id": "ats-esc",
                    "full_name": "Esc\x1b[31mape",
                    "positions": [{"title": hostile, "company": "Acme\x9b6n", "start": "2020"}],
                }
            )
        )
        uow.commit()
    result = medalist("show", "ats-esc")
    assert result.exit_code == 0, result.output
    assert (
        "\x1b" not in result.output and "\x9b" not in result.output and "\x07" not in result.output
    )
    assert "Engineer" in result.output and "Escape" in result.output
    assert "evil.example" not in result.output
