"""``medalist source add|list|remove``: watched many-person sources (team pages, feeds)."""

from __future__ import annotations

from urllib.parse import urlsplit

import click

from medalist.cli._context import settings_from

WATCHED_KINDS = ("team_page", "feed")


def _check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise click.BadParameter(f"{url!r} is not an http(s) URL", param_hint="URL")
    return url


@click.group("source")
def source() -> None:
    """Watch pages that list many people; each run reads them and links entries by matching."""


@source.command("add")
@click.argument("kind", type=click.Choice(WATCHED_KINDS))
@click.argument("url")
@click.option(
    "--render",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Render the page in a browser.",
)
@click.pass_context
def add(ctx: click.Context, kind: str, url: str, render: str) -> None:
    """Watch URL, a company team_page or an announcements feed."""
    from medalist.database import open_database
    from storage.unit_of_work import UnitOfWork

    with UnitOfWork(open_database(settings_from(ctx))) as uow:
        row, created = uow.sources.add_watched(kind, _check_url(url), render=render)
        uow.commit()
    click.echo(f"{'watching' if created else 'already watching'} {row.kind} {row.url}")


@source.command("list")
@click.pass_context
def list_sources(ctx: click.Context) -> None:
    """The watched sources, with when each was last verified."""
    from medalist.database import open_database
    from storage.unit_of_work import UnitOfWork

    with UnitOfWork(open_database(settings_from(ctx))) as uow:
        rows = uow.sources.list_watched()
        for row in rows:
            verified = row.last_verified_at.isoformat() if row.last_verified_at else "never"
            error = f"  last error: {row.last_error}" if row.last_error else ""
            click.echo(f"{row.kind:10} {row.url}  verified {verified}{error}")
    if not rows:
        click.echo("no watched sources; add one with 'medalist source add team_page URL'")


@source.command("remove")
@click.argument("url")
@click.pass_context
def remove(ctx: click.Context, url: str) -> None:
    """Stop watching URL."""
    from medalist.database import open_database
    from storage.unit_of_work import UnitOfWork

    with UnitOfWork(open_database(settings_from(ctx))) as uow:
        removed = uow.sources.remove_watched(url)
        uow.commit()
    if not removed:
        raise click.ClickException(f"{url} is not a watched source (see 'medalist source list')")
    click.echo(f"no longer watching {url}")
