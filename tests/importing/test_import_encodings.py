"""Import reads any encoding and delimiter; an undecodable line is one bad row, nothing lost."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from storage.unit_of_work import UnitOfWork

Invoke = Callable[..., Result]
HEADER = "external_id,full_name,current_title\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "latin-1", "cp1252"])
def test_encodings(encoding: str, tmp_path: Path, medalist: Invoke, uow: UnitOfWork) -> None:
    rows = "".join(f"ats-{i},Zoë Ångström {i},Señor Ingeniero\n" for i in range(200))
    path = tmp_path / "c.csv"
    path.write_bytes((HEADER + rows).encode(encoding))
    result = medalist("import", "candidates", path)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    with uow:
        assert uow.candidates.count() == 200
        assert uow.candidates.get("ats-7").full_name == "Zoë Ångström 7"


def test_semicolon_export(
    write: Callable[[str, str], Path], medalist: Invoke, uow: UnitOfWork
) -> None:
    path = write("c.csv", "external_id;full_name;current_title\nats-1;Ada;Engineer, Data\n")
    result = medalist("import", "candidates", path)
    assert result.exit_code == 0, result.output
    with uow:
        assert uow.candidates.get("ats-1").full_name == "Ada"


def test_one_undecodable_byte_skips_only_its_row(
    tmp_path: Path, medalist: Invoke, uow: UnitOfWork
) -> None:
    lines = [f"ats-{i},Zoë {i},Engineer\n".encode() for i in range(3000)]
    lines[2500] = b"ats-2500,Bad \xff Name,Engineer\n"  # file line 2,502 (header is line 1)
    path = tmp_path / "c.csv"
    path.write_bytes(HEADER.encode() + b"".join(lines))
    result = medalist("import", "candidates", path)
    assert result.exit_code == 0, result.output
    assert (
        f"{path}:2502: byte 0xff at column 14 is not valid UTF-8; the row was skipped "
        "(save the file as UTF-8 and import it again)"
    ) in result.output
    assert "Traceback" not in result.output
    with uow:
        assert uow.candidates.count() == 2999
        assert uow.candidates.get("ats-2500") is None
        assert uow.candidates.get("ats-2999").full_name == "Zoë 2999"


def test_a_folder_with_one_unreadable_file_imports_the_rest(
    write: Callable[[str, str], Path], medalist: Invoke, uow: UnitOfWork
) -> None:
    good = write("export/a.csv", "external_id,full_name\nats-1,Ada\n")
    (good.parent / "b.jsonl").mkdir()  # a name that is not a readable file...
    broken = write("export/c.csv", "external_id,full_name\nats-2,Bea\n")
    broken.chmod(0)
    try:
        broken.read_bytes()
        unreadable = False
    except PermissionError:
        unreadable = True
    result = medalist("import", "candidates", good.parent)
    with uow:
        assert uow.candidates.get("ats-1") is not None
    if unreadable:
        assert f"{broken}: cannot read the file (Permission denied); nothing read" in result.output
    else:  # running as root: every file is readable
        assert result.exit_code == 0, result.output


def test_a_file_that_fails_to_read_is_reported_and_the_rest_imports(
    write: Callable[[str, str], Path], medalist: Invoke, uow: UnitOfWork
) -> None:
    """Unreadable even for root: a name for /proc/self/mem answers every read with EIO."""
    good = write("export/a.csv", "external_id,full_name\nats-1,Ada\n")
    failing = good.parent / "c.csv"
    failing.symlink_to("/proc/self/mem")
    result = medalist("import", "candidates", good.parent)
    assert f"{failing}: cannot read the file (Input/output error); nothing read" in result.output
    with uow:
        assert uow.candidates.get("ats-1") is not None


def test_nul_bytes_do_not_lose_a_batch(tmp_path: Path, medalist: Invoke, uow: UnitOfWork) -> None:
    rows = "".join(f"ats-{i},Name {i},Engineer\n" for i in range(50))
    path = tmp_path / "c.csv"
    path.write_text(HEADER + "ats-x,Nul\x00Name,Eng\n" + rows, encoding="utf-8")
    result = medalist("import", "candidates", path)
    assert result.exit_code == 0, result.output
    assert "warning: " in result.output and "c.csv:2: NUL bytes removed" in result.output
    with uow:
        assert uow.candidates.count() == 51
        assert uow.candidates.get("ats-x").full_name == "NulName"


def test_a_reqs_row_reports_every_bad_field(
    write: Callable[[str, str], Path], medalist: Invoke
) -> None:
    path = write(
        "r.csv", "req_id,title,min_years,status\nR-1,Engineer,lots,maybe\nR-2,Nurse,2,open\n"
    )
    result = medalist("import", "reqs", path)
    assert "r.csv:2: field 'min_years'" in result.output, result.output
    (line,) = [x for x in result.output.splitlines() if "r.csv:2:" in x]
    assert "field 'status'" in line
    assert "skipped 1 bad row" in result.output


def test_a_list_as_full_name_is_a_field_error(
    write: Callable[[str, str], Path], medalist: Invoke, uow: UnitOfWork
) -> None:
    path = write("c.jsonl", '{"external_id": "a-1", "full_name": ["Ada", "King"]}\n')
    result = medalist("import", "candidates", path)
    assert "c.jsonl:1: field 'full_name': must be text, not a list" in result.output
    with uow:
        assert uow.candidates.get("a-1") is None


def test_unknown_and_repeated_columns_warn(
    write: Callable[[str, str], Path], medalist: Invoke, uow: UnitOfWork
) -> None:
    path = write("c.csv", "external_id,full_name,curent_title,full_name\nats-1,Ada,CTO,Ada K\n")
    result = medalist("import", "candidates", path)
    assert result.exit_code == 0, result.output
    assert (
        f"warning: {path}:1: field 'curent_title': unknown column, ignored "
        "(did you mean 'current_title'?)"
    ) in result.output
    assert (
        f"warning: {path}:1: field 'full_name': the column appears twice; the last one is used"
    ) in result.output
    assert "skipped 0 bad rows" in result.output
    with uow:
        assert uow.candidates.count() == 1


def test_a_nul_escape_in_json_lines_is_removed_with_a_warning(
    tmp_path: Path, medalist: Invoke, uow: UnitOfWork
) -> None:
    path = tmp_path / "c.jsonl"
    rows = [{"external_id": f"ats-{i}", "full_name": f"Name {i}"} for i in range(20)]
    rows.insert(0, {"external_id": "ats-x", "full_name": "Nul\u0000Name", "skills": ["g\u0000o"]})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = medalist("import", "candidates", path)
    assert result.exit_code == 0, result.output
    assert "c.jsonl:1: NUL characters removed" in result.output
    with uow:
        assert uow.candidates.count() == 21
        stored = uow.candidates.get("ats-x")
        assert stored is not None and stored.full_name == "NulName"
        assert list(stored.skills) == ["go"]
