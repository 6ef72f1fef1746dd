"""``medalist db upgrade``: create or migrate the database (contract section 2)."""

from __future__ import annotations

import click

from medalist.cli._context import settings_from


@click.group("db")
def db() -> None:
    """Create or migrate the database."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Alembic revision to reach.")
@click.pass_context
def upgrade(ctx: click.Context, revision: str) -> None:
    """Create the database or bring it to the newest schema (MEDALIST_DATABASE_URL)."""
    from sqlalchemy.engine import make_url

    from storage.migrate import current
    from storage.migrate import upgrade as run_upgrade

    url = settings_from(ctx).database_url
    before = current(url)
    run_upgrade(url, revision)
    after = current(url)
    shown = make_url(url).render_as_string(hide_password=True)
    if before == after:
        click.echo(f"{shown}: already at revision {after}")
    else:
        click.echo(f"{shown}: upgraded from {before or 'an empty database'} to revision {after}")
