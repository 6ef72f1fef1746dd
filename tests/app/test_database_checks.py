"""Commands refuse a database that is missing or not migrated, saying how to fix it."""

from __future__ import annotations

from pathlib import Path

import pytest

from enrichment.errors import ConfigurationError
from medalist.database import open_database
from medalist.settings import Settings


def test_a_missing_sqlite_file_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "nothing-here.db"
    with pytest.raises(ConfigurationError, match="medalist db upgrade"):
        open_database(Settings(database_url=f"sqlite:///{path}"))
    assert not path.exists()


def test_an_empty_database_must_be_migrated_first(empty_database_url: str) -> None:
    if empty_database_url.startswith("sqlite:///"):
        Path(empty_database_url.removeprefix("sqlite:///")).touch()
    with pytest.raises(ConfigurationError, match="is empty; run 'medalist db upgrade' first"):
        open_database(Settings(database_url=empty_database_url))


def test_a_migrated_database_opens(database_url: str) -> None:
    sessions = open_database(Settings(database_url=database_url))
    with sessions() as session:
        assert session.get_bind().dialect.name in ("sqlite", "postgresql")
