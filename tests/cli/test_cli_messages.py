"""Every bad input of issue 9 gets one clear line, a trustworthy exit status and no traceback.

Each case runs the real command line (a subprocess, so settings are read from the environment
and ``medalist.toml`` as an operator's shell would) and asserts the exact helpful line.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

PG = "postgresql+psycopg://postgres@127.0.0.1:5432"


def run(
    cwd: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("MEDALIST_")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "medalist", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


CASES = [
    (
        "refresh days not a number",
        {"MEDALIST_REFRESH_DAYS": "abc"},
        None,
        ["report"],
        "Error: bad setting MEDALIST_REFRESH_DAYS='abc': Input should be a valid integer, "
        "unable to parse string as an integer (fix it in the environment, .env or "
        "medalist.toml; see docs/settings.md)",
        2,
    ),
    (
        "mysql URL",
        {"MEDALIST_DATABASE_URL": "mysql://u@h/db"},
        None,
        ["db", "upgrade"],
        "Error: medalist does not support mysql databases; set MEDALIST_DATABASE_URL to "
        "sqlite:///PATH or postgresql+psycopg://USER@HOST/DB",
        2,
    ),
    (
        "empty URL",
        {"MEDALIST_DATABASE_URL": ""},
        None,
        ["db", "upgrade"],
        "Error: '' is not a database URL (Could not parse SQLAlchemy URL from given URL "
        "string); set MEDALIST_DATABASE_URL to sqlite:///PATH or "
        "postgresql+psycopg://USER@HOST/DB",
        2,
    ),
    (
        "missing PostgreSQL database",
        {"MEDALIST_DATABASE_URL": f"{PG}/medalist_no_such_db"},
        None,
        ["db", "upgrade"],
        'FATAL:  database "medalist_no_such_db" does not exist; create it (createdb NAME) '
        "or fix MEDALIST_DATABASE_URL",
        1,
    ),
    (
        "unreachable database",
        {"MEDALIST_DATABASE_URL": "postgresql+psycopg://postgres@127.0.0.1:1/x"},
        None,
        ["db", "upgrade"],
        "Connection refused; check that the database is running and MEDALIST_DATABASE_URL is right",
        1,
    ),
    (
        "folder of the SQLite file missing",
        {"MEDALIST_DATABASE_URL": "sqlite:////nonexistent-medalist/dir/m.db"},
        None,
        ["db", "upgrade"],
        "Error: cannot use the database: unable to open database file; check that the folder "
        "of the SQLite file exists and is writable",
        1,
    ),
    (
        # sysfs is read-only even for root, who can write into any mode-0555 folder
        "folder of the SQLite file read-only",
        {"MEDALIST_DATABASE_URL": "sqlite:////sys/medalist-test.db"},
        None,
        ["db", "upgrade"],
        "Error: cannot use the database: unable to open database file; check that the folder "
        "of the SQLite file exists and is writable",
        1,
    ),
    (
        "malformed medalist.toml",
        {},
        'refresh_days = "x"\n[',
        ["report"],
        "Error: medalist.toml is not valid TOML (Invalid initial character for a key part (at "
        "end of document)); fix the file or remove it",
        2,
    ),
    (
        "upper-case name in medalist.toml is read and validated",
        {},
        "MEDALIST_REFRESH_DAYS = -1\n",
        ["report"],
        "Error: bad setting MEDALIST_REFRESH_DAYS=-1: Input should be greater than or equal "
        "to 0 (fix it in the environment, .env or medalist.toml; see docs/settings.md)",
        2,
    ),
    (
        "unknown revision",
        {},
        None,
        ["db", "upgrade", "--revision", "9999"],
        "Error: Can't locate revision identified by '9999'; see 'medalist db upgrade --help'",
        2,
    ),
    (
        "report into a missing folder",
        {},
        None,
        ["report", "--out", "/missing-medalist/dir/x"],
        "Error: cannot write /missing-medalist/dir/x: the folder /missing-medalist/dir does "
        "not exist; create it or pick another --out",
        2,
    ),
]


@pytest.fixture()
def workdir(tmp_path: Path) -> Path:
    done = run(tmp_path, "db", "upgrade")
    assert done.returncode == 0, done.stderr
    return tmp_path


@pytest.mark.parametrize(
    ("env", "toml", "args", "line", "status"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_clear_message(
    request: pytest.FixtureRequest,
    workdir: Path,
    env: dict[str, str],
    toml: str | None,
    args: list[str],
    line: str,
    status: int,
) -> None:
    if "127.0.0.1:5432" in env.get("MEDALIST_DATABASE_URL", ""):
        request.getfixturevalue("postgres_schema_url")  # skips or fails like every PG test
    if toml is not None:
        (workdir / "medalist.toml").write_text(toml, encoding="utf-8")
    done = run(workdir, *args, env=env)
    assert line in done.stderr, done.stderr
    assert done.returncode == status, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert len(done.stderr.strip().splitlines()) <= 2, done.stderr


def test_debug_shows_the_traceback(workdir: Path) -> None:
    done = run(workdir, "--debug", "db", "upgrade", env={"MEDALIST_DATABASE_URL": "mysql://h/d"})
    assert "Traceback" in done.stderr
    assert done.returncode == 1


@pytest.mark.parametrize("spelling", ["MEDALIST_REFRESH_DAYS", "refresh_days", "Refresh_Days"])
def test_toml_names_work_in_either_case(
    tmp_path: Path, spelling: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medalist.settings import load_settings

    for key in list(os.environ):
        if key.startswith("MEDALIST_"):
            monkeypatch.delenv(key)
    (tmp_path / "medalist.toml").write_text(f"{spelling} = 5\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert load_settings().refresh_days == 5


def test_database_and_report_are_owner_only(workdir: Path) -> None:
    for name in ("medalist.db", "medalist.db-wal", "medalist.db-shm"):
        path = workdir / name
        if path.exists():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, name
    done = run(workdir, "report", "--format", "csv", "--out", "r.csv")
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE((workdir / "r.csv").stat().st_mode) == 0o600
