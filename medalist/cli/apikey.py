"""``medalist apikey create|revoke|list``: the CRM's keys to the API."""

from __future__ import annotations

import click

from medalist.cli._context import settings_from


@click.group("apikey")
def apikey() -> None:
    """API keys: each is shown once, when created, and stored only as a hash."""


@apikey.command("create")
@click.argument("name")
@click.pass_context
def create(ctx: click.Context, name: str) -> None:
    """Create key NAME and print it (the only time it is shown)."""
    from medalist.database import open_database
    from medalist.services import apikeys

    created = apikeys.create(open_database(settings_from(ctx)), name)
    click.echo(created.key)
    click.echo(
        f"API key {created.name!r} created. It is shown only now: store it in the CRM. "
        f"Send it as 'Authorization: Bearer <key>'.",
        err=True,
    )


@apikey.command("revoke")
@click.argument("name")
@click.pass_context
def revoke(ctx: click.Context, name: str) -> None:
    """Revoke key NAME: requests with it get 401 from now on."""
    from medalist.database import open_database
    from medalist.services import apikeys

    apikeys.revoke(open_database(settings_from(ctx)), name)
    click.echo(f"API key {name!r} revoked")


@apikey.command("list")
@click.pass_context
def list_keys(ctx: click.Context) -> None:
    """The keys: name, first characters, created, revoked."""
    from medalist.database import open_database
    from medalist.services import apikeys

    keys = apikeys.listed(open_database(settings_from(ctx)))
    for key in keys:
        state = f"revoked {key.revoked_at}" if key.revoked_at else "active"
        click.echo(f"{key.name}\t{key.prefix}...\tcreated {key.created_at}\t{state}")
    if not keys:
        click.echo("no API keys (create one with 'medalist apikey create NAME')")
