"""Shared fixtures: one database per test, on SQLite and on the real PostgreSQL.

``database_url`` is parametrized over ``sqlite`` (a file in the test's temporary folder) and
``postgresql`` (the server at 127.0.0.1:5432, database ``test``, user ``postgres``; each test
gets its own schema, dropped afterwards). Every database is created by the Alembic migrations,
so every test also exercises them.

When PostgreSQL cannot be reached its tests are skipped, unless ``MEDALIST_REQUIRE_POSTGRES=1``
(CI sets it): then they fail. ``MEDALIST_TEST_POSTGRES_HOST`` / ``_PORT`` point elsewhere.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from medalist.cli import cli
from medalist.settings import load_settings
from storage.engine import create_engine_for, create_session_factory
from storage.migrate import upgrade
from storage.unit_of_work import UnitOfWork

POSTGRES_HOST = os.environ.get("MEDALIST_TEST_POSTGRES_HOST", "127.0.0.1")
POSTGRES_PORT = int(os.environ.get("MEDALIST_TEST_POSTGRES_PORT", "5432"))
POSTGRES_DB = "test"
POSTGRES_USER = "postgres"
REDIS_URL = "redis://127.0.0.1:6379/0"
POSTGRES_DSN = (
    f"host={POSTGRES_HOST} port={POSTGRES_PORT} dbname={POSTGRES_DB} user={POSTGRES_USER}"
)

_postgres_error: str | None = None
_postgres_checked = False


def _postgres_unavailable() -> str | None:
    """Why PostgreSQL cannot be used, or None when it can (checked once per process)."""
    global _postgres_checked, _postgres_error
    if not _postgres_checked:
        _postgres_checked = True
        try:
            import psycopg

            with psycopg.connect(POSTGRES_DSN, connect_timeout=3) as connection:
                connection.execute("select 1")
        except Exception as error:
            _postgres_error = f"PostgreSQL at {POSTGRES_HOST}:{POSTGRES_PORT} unreachable: {error}"
    return _postgres_error


def _require_postgres() -> None:
    reason = _postgres_unavailable()
    if reason is None:
        return
    if os.environ.get("MEDALIST_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"{reason} (MEDALIST_REQUIRE_POSTGRES=1)")
    pytest.skip(reason)


@pytest.fixture
def postgres_schema_url() -> Iterator[str]:
    """A URL whose connections use a fresh, empty schema of the test database."""
    _require_postgres()
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(POSTGRES_DSN, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield (
            f"postgresql+psycopg://{POSTGRES_USER}@{POSTGRES_HOST}:{POSTGRES_PORT}/{POSTGRES_DB}"
            f"?options=-csearch_path%3D{schema}"
        )
    finally:
        with psycopg.connect(POSTGRES_DSN, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database on each backend (no tables yet)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'medalist-test.db'}"
    url: str = request.getfixturevalue("postgres_schema_url")
    return url


@pytest.fixture
def database_url(empty_database_url: str) -> str:
    """A database on each backend, migrated to the newest revision."""
    upgrade(empty_database_url)
    return empty_database_url


@pytest.fixture
def backend(database_url: str) -> str:
    return "sqlite" if database_url.startswith("sqlite") else "postgresql"


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_engine_for(database_url)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def session_factory(engine: Engine) -> sessionmaker[Session]:
    return create_session_factory(engine)


@pytest.fixture
def uow(session_factory: sessionmaker[Session]) -> UnitOfWork:
    """A unit of work to enter (``with uow: ...``); each ``with`` is a new transaction."""
    return UnitOfWork(session_factory)


@pytest.fixture
def medalist(database_url: str) -> Callable[..., Result]:
    """``medalist(*args)``: run the command line against the test database."""

    def invoke(*args: str | Path) -> Result:
        settings = load_settings(database_url=database_url)
        return CliRunner().invoke(cli, [str(a) for a in args], obj=settings)

    return invoke


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """``write(name, text)``: a file in the test's temporary folder."""

    def write_file(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write_file


@pytest.fixture
def redis_prefix() -> Iterator[str]:
    """A fresh key prefix in the real Redis at 127.0.0.1:6379 (its keys are removed after)."""
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("MEDALIST_REQUIRE_REDIS") == "1":
            pytest.fail("no Redis at 127.0.0.1:6379 (MEDALIST_REQUIRE_REDIS=1)")
        pytest.skip("no Redis at 127.0.0.1:6379")
    prefix = f"medalist-test:{uuid.uuid4().hex}"
    yield prefix
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``browser`` need a Chromium: skipped where there is none, unless
    ``MEDALIST_REQUIRE_BROWSER=1`` (CI sets it), which makes them fail instead."""
    from crawler.browser import find_chromium, playwright_browser_installed

    if find_chromium(None) or playwright_browser_installed():
        return
    if os.environ.get("MEDALIST_REQUIRE_BROWSER") == "1":
        return
    skip = pytest.mark.skip(reason="no Chromium: apt-get install chromium, or set MEDALIST_BROWSER")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)
