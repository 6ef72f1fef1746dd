"""``medalist import reqs``: CSV and JSON Lines, levels classified when absent."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from storage.unit_of_work import UnitOfWork

Invoke = Callable[..., Result]
Write = Callable[[str, str], Path]


def test_reqs_csv(medalist: Invoke, write: Write, uow: UnitOfWork) -> None:
    path = write(
        "reqs.csv",
        "req_id,title,level,min_years,skills,location,status\n"
        "R-9,Senior Backend Engineer,,4,python;sql,Remote,open\n"
        "R-7,Engineering Manager,5,6,,London,open\n"
        "R-8,Data Engineer,12,,,,open\n"
        "R-6,,3,,,,open\n"
        "R-5,Intern,,,,,closed\n"
        "R-4,Analyst,,lots,,,open\n"
        "R-3,Analyst,,,,,maybe\n"
        "R-9,Senior Backend Engineer,,,,,open\n",
    )
    result = medalist("import", "reqs", path)
    assert result.exit_code == 0, result.output
    assert f"{path}:4: field 'level': 12 is not a level 0-8" in result.output
    assert f"{path}:5: field 'title': is required" in result.output
    assert f"{path}:7: field 'min_years': 'lots' is not a number" in result.output
    assert f"{path}:8: field 'status': 'maybe' is not open or closed" in result.output
    assert f"{path}:9: field 'req_id': 'R-9' appears again (first on line 2)" in result.output
    assert "requisitions: imported 3, updated 0, unchanged 0, skipped 5 bad rows" in result.output
    with uow:
        assert [r.req_id for r in uow.requisitions.list_open()] == ["R-7", "R-9"]
        r9 = uow.requisitions.get("R-9")
        assert r9 is not None
        assert (r9.level, r9.min_years, r9.skills, r9.location) == (
            3,
            4.0,
            ("python", "sql"),
            "Remote",
        )
    again = medalist("import", "reqs", path)
    assert "imported 0, updated 0, unchanged 3" in again.output
    strict = medalist("import", "reqs", path, "--strict")
    assert strict.exit_code == 1 and "nothing imported (--strict)" in strict.output


def test_reqs_jsonl(medalist: Invoke, write: Write, uow: UnitOfWork) -> None:
    path = write(
        "reqs.jsonl",
        json.dumps({"req_id": "R-1", "title": "Staff Engineer", "skills": ["go"], "min_years": 8})
        + "\n"
        + json.dumps({"req_id": "R-2"})
        + "\n",
    )
    result = medalist("import", "reqs", path)
    assert f"{path}:2: field 'title': is required" in result.output
    assert "imported 1," in result.output
    with uow:
        r1 = uow.requisitions.get("R-1")
        assert r1 is not None and r1.level == 4 and r1.skills == ("go",)


def test_reqs_from_an_unknown_file_type(medalist: Invoke, write: Write) -> None:
    path = write("reqs.xlsx", "")
    result = medalist("import", "reqs", path)
    assert result.exit_code == 2
    assert "requisitions are read from .csv or .jsonl files" in result.output
