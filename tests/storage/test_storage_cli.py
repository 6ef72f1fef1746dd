"""``medalist db upgrade`` creates the database, and says so; a second run changes nothing."""

from __future__ import annotations

from click.testing import CliRunner

from medalist.cli import cli
from medalist.settings import load_settings
from storage.migrate import current, head


def test_db_upgrade_creates_then_reports_up_to_date(empty_database_url: str) -> None:
    settings = load_settings(database_url=empty_database_url)
    first = CliRunner().invoke(cli, ["db", "upgrade"], obj=settings)
    assert first.exit_code == 0, first.output
    assert f"upgraded from an empty database to revision {head()}" in first.output
    assert current(empty_database_url) == head()
    second = CliRunner().invoke(cli, ["db", "upgrade"], obj=settings)
    assert second.exit_code == 0
    assert f"already at revision {head()}" in second.output
