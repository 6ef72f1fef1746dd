"""Run the Alembic migrations from code, with no ``alembic.ini``.

The configuration is built here and points at the ``migrations`` folder inside this package,
so ``medalist db upgrade`` works from an installed wheel as well as from a checkout.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import URL

from storage.engine import create_engine_for, normalize_url

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(url: str | URL) -> Config:
    """An Alembic configuration for ``url`` (kept in ``attributes``: no ``%`` interpolation)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["url"] = normalize_url(url).render_as_string(hide_password=False)
    return config


def upgrade(url: str | URL, revision: str = "head") -> None:
    """Create or migrate the database at ``url`` to ``revision``."""
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str | URL, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


def head() -> str | None:
    """The newest revision the package ships."""
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def current(url: str | URL) -> str | None:
    """The revision the database at ``url`` is at (None for an empty database)."""
    engine = create_engine_for(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()
