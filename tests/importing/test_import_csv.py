"""``medalist import candidates`` on a CSV export: bad rows reported precisely, good rows
imported, ``--strict`` all-or-nothing, re-import changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from enrichment.dates import PartialDate
from enrichment.model import Application, Candidate, Position, ProfileRef
from storage.models import ApplicationRow, CandidateRow, PositionRow, SkillRow, SourceRow
from storage.unit_of_work import UnitOfWork

Invoke = Callable[..., Result]

HEADER = (
    "external_id,full_name,email,location,current_title,current_company,current_start,"
    "profile_urls,orcid,github,skills,applied_req_id,stage_reached\n"
)
GOOD_ADA = (
    'ats-1,Ada Lovelace,ada@example.com,"London, UK",Software Engineer,Acme,2019-03,'
    "https://ada.example/;https://ada.example/resume.json,0000-0002-1825-0097,adal,"
    "python;sql,R-7,final interview\n"
)
ACCEPTANCE = (
    HEADER
    + GOOD_ADA  # line 2
    + "ats-2,Bob Byte,bob@example.com,,Analyst,Initech,2019-13,,,,,,\n"  # line 3: bad date
    + "ats-3,,carol@example.com,,,,,,,,,,\n"  # line 4: no name
    + "ats-4,Dee Director,dee@example.com,,Director,Globex,2020,,,,go,,\n"  # line 5
    + "ats-1,Ada Again,,,,,,,,,,,\n"  # line 6: duplicate id
    + "ats-5,Eve,,,,,,https://github.com/eve,,,,,\n"  # line 7
)


def counts(session_factory: sessionmaker[Session]) -> dict[str, int]:
    with session_factory() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in (CandidateRow, PositionRow, SkillRow, SourceRow, ApplicationRow)
        }


def test_bad_rows_are_reported_precisely_and_the_rest_imported(
    medalist: Invoke, write: Callable[[str, str], Path], uow: UnitOfWork
) -> None:
    path = write("candidates.csv", ACCEPTANCE)
    result = medalist("import", "candidates", path)
    assert result.exit_code == 0, result.output
    assert f"{path}:3: field 'current_start': '2019-13' is not a date" in result.output
    assert f"{path}:4: field 'full_name': is required" in result.output
    assert f"{path}:6: field 'external_id': 'ats-1' appears again (first on line 2)" in (
        result.output
    )
    bad_lines = [line for line in result.output.splitlines() if line.startswith(str(path))]
    assert len(bad_lines) == 3
    assert "imported 3, updated 0, unchanged 0, skipped 3 bad rows" in result.output
    with uow:
        assert uow.candidates.get("ats-2") is None and uow.candidates.get("ats-3") is None
        assert uow.candidates.get("ats-1") == Candidate(
            external_id="ats-1",
            full_name="Ada Lovelace",
            emails=("ada@example.com",),
            location="London, UK",
            profiles=(
                ProfileRef("website", url="https://ada.example/"),
                ProfileRef("jsonresume", url="https://ada.example/resume.json"),
                ProfileRef("orcid", id="0000-0002-1825-0097"),
                ProfileRef("github", id="adal"),
            ),
            positions=(Position("Software Engineer", "Acme", PartialDate(2019, 3)),),
            skills=("python", "sql"),
            applications=(Application("R-7", "final interview"),),
        )
        eve = uow.candidates.get("ats-5")
        assert eve is not None and eve.profiles == (ProfileRef("github", id="eve"),)
        dee = uow.candidates.get_row("ats-4")
        assert dee is not None and dee.positions[0].level_name == "director"


def test_strict_imports_nothing_when_a_row_is_bad(
    medalist: Invoke,
    write: Callable[[str, str], Path],
    session_factory: sessionmaker[Session],
) -> None:
    path = write("candidates.csv", ACCEPTANCE)
    result = medalist("import", "candidates", path, "--strict")
    assert result.exit_code == 1
    assert f"{path}:3: field 'current_start'" in result.output
    assert f"{path}:4: field 'full_name'" in result.output
    assert f"{path}:6: field 'external_id'" in result.output
    assert "nothing imported (--strict): 3 bad rows" in result.output
    assert counts(session_factory)["candidates"] == 0


def test_strict_imports_a_clean_file(
    medalist: Invoke, write: Callable[[str, str], Path], uow: UnitOfWork
) -> None:
    path = write("candidates.csv", HEADER + GOOD_ADA + "ats-9,Zed,,,,,,,,,,,\n")
    result = medalist("import", "candidates", path, "--strict")
    assert result.exit_code == 0, result.output
    assert "imported 2, updated 0, unchanged 0, skipped 0 bad rows" in result.output


def test_reimporting_the_same_file_changes_nothing(
    medalist: Invoke,
    write: Callable[[str, str], Path],
    uow: UnitOfWork,
    session_factory: sessionmaker[Session],
) -> None:
    path = write("candidates.csv", ACCEPTANCE)
    assert medalist("import", "candidates", path).exit_code == 0
    before = counts(session_factory)
    with uow:
        stamps = {
            eid: row.updated_at
            for eid in ("ats-1", "ats-4", "ats-5")
            if (row := uow.candidates.get_row(eid))
        }
    again = medalist("import", "candidates", path)
    assert "imported 0, updated 0, unchanged 3, skipped 3 bad rows" in again.output
    assert counts(session_factory) == before
    with uow:
        for eid, stamp in stamps.items():
            row = uow.candidates.get_row(eid)
            assert row is not None and row.updated_at == stamp
    assert before == {
        "candidates": 3,
        "positions": 2,
        "skills": 3,
        "sources": 5,
        "applications": 1,
    }


def test_a_changed_row_is_updated_in_place(
    medalist: Invoke, write: Callable[[str, str], Path], uow: UnitOfWork
) -> None:
    path = write("candidates.csv", HEADER + GOOD_ADA)
    assert medalist("import", "candidates", path).exit_code == 0
    write("candidates.csv", HEADER + GOOD_ADA.replace("Software Engineer", "Senior Engineer"))
    result = medalist("import", "candidates", path)
    assert "imported 0, updated 1, unchanged 0" in result.output
    with uow:
        row = uow.candidates.get_row("ats-1")
        assert row is not None
        assert [(p.title, p.level_name) for p in row.positions] == [("Senior Engineer", "senior")]
        assert len(row.sources) == 4


def test_more_bad_values_name_their_column(
    medalist: Invoke, write: Callable[[str, str], Path]
) -> None:
    path = write(
        "c.csv",
        HEADER
        + "a,A,not-an-email,,,,,,,,,,\n"
        + "b,B,,,,,,ftp://x.example/,,,,,\n"
        + "c,C,,,,,,,0000-0002-1825-0098,,,,\n"
        + "d,D,,,,,,,,bad login!,,,\n"
        + "e,E,,,,,,,,,,,interviewed\n"
        + ",F,,,,,,,,,,,\n"
        + "g,G,,,,,,,,,,,,extra\n",
    )
    result = medalist("import", "candidates", path)
    assert result.exit_code == 0
    for line, column in (
        (2, "email"),
        (3, "profile_urls"),
        (4, "orcid"),
        (5, "github"),
        (6, "applied_req_id"),
        (7, "external_id"),
    ):
        assert f"{path}:{line}: field {column!r}:" in result.output
    assert f"{path}:8: 14 values but the header names 13 columns" in result.output
    assert "imported 0, updated 0, unchanged 0, skipped 7 bad rows" in result.output


def test_a_file_without_the_required_columns_is_refused(
    medalist: Invoke, write: Callable[[str, str], Path]
) -> None:
    path = write("c.csv", "id,name\n1,Ada\n")
    result = medalist("import", "candidates", path)
    assert result.exit_code == 2
    assert f"{path}:1: the header has no 'external_id', 'full_name' column" in result.output


def test_a_missing_file_is_a_clear_error(medalist: Invoke, tmp_path: Path) -> None:
    result = medalist("import", "candidates", tmp_path / "nope.csv")
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_an_unmigrated_database_says_what_to_do(
    tmp_path: Path, write: Callable[[str, str], Path]
) -> None:
    from click.testing import CliRunner

    from medalist.cli import cli
    from medalist.settings import load_settings

    path = write("c.csv", HEADER + GOOD_ADA)
    settings = load_settings(database_url=f"sqlite:///{tmp_path / 'empty.db'}")
    result = CliRunner().invoke(cli, ["import", "candidates", str(path)], obj=settings)
    assert result.exit_code == 2
    assert "run 'medalist db upgrade' first" in result.output
