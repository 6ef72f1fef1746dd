"""The Alembic migrations build exactly the models' schema, on both backends."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from storage.engine import create_engine_for, normalize_url
from storage.migrate import current, downgrade, head, upgrade
from storage.models import Base


def test_upgrade_creates_every_table_and_matches_the_models(empty_database_url: str) -> None:
    assert current(empty_database_url) is None
    upgrade(empty_database_url)
    assert current(empty_database_url) == head()
    engine = create_engine_for(empty_database_url)
    try:
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            assert set(Base.metadata.tables) <= tables
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_upgrade_twice_is_a_no_op(empty_database_url: str) -> None:
    upgrade(empty_database_url)
    upgrade(empty_database_url)
    assert current(empty_database_url) == head()


def test_sqlite_connections_use_wal_and_foreign_keys(tmp_path: Path) -> None:
    engine = create_engine_for(f"sqlite:///{tmp_path}/x.db")
    try:
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert (connection.execute(text("PRAGMA busy_timeout")).scalar() or 0) > 0
    finally:
        engine.dispose()


def test_plain_postgresql_urls_use_psycopg_3() -> None:
    assert normalize_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert normalize_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    assert normalize_url("postgresql+psycopg://u@h/db").drivername == "postgresql+psycopg"
    assert normalize_url("sqlite:///x.db").drivername == "sqlite"


def test_downgrade_to_base_and_back(empty_database_url: str) -> None:
    upgrade(empty_database_url)
    downgrade(empty_database_url, "base")
    assert current(empty_database_url) is None
    upgrade(empty_database_url)
    assert current(empty_database_url) == head()
