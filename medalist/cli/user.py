"""``medalist user create|delete|list``: recruiter logins for the pages under ``/ui/``."""

from __future__ import annotations

import sys

import click

from medalist.cli._context import settings_from


def _password() -> str:
    """The password: prompted twice on a terminal, else the first line of standard input."""
    if sys.stdin.isatty():
        value: str = click.prompt("Password", hide_input=True, confirmation_prompt=True)
        return value
    line = sys.stdin.readline()
    if not line:
        raise click.UsageError("no password on standard input (send it as one line)")
    return line.rstrip("\r\n")


@click.group("user")
def user() -> None:
    """Recruiter logins for /ui/: passwords are stored only as scrypt hashes."""


@user.command("create")
@click.argument("name")
@click.option("--replace", is_flag=True, help="Set a new password for an existing user.")
@click.pass_context
def create(ctx: click.Context, name: str, replace: bool) -> None:
    """Create user NAME; the password is read from standard input (or prompted)."""
    from medalist.database import open_database
    from medalist.services import users

    sessions = open_database(settings_from(ctx))
    stored = users.create(sessions, name, _password(), replace=replace)
    verb = "password replaced for" if replace else "created"
    click.echo(f"user {stored!r} {verb}; sign in at /ui/login of 'medalist serve'", err=True)


@user.command("delete")
@click.argument("name")
@click.pass_context
def delete(ctx: click.Context, name: str) -> None:
    """Delete user NAME and sign them out everywhere."""
    from medalist.database import open_database
    from medalist.services import users

    users.delete(open_database(settings_from(ctx)), name)
    click.echo(f"user {name!r} deleted")


@user.command("list")
@click.pass_context
def list_users(ctx: click.Context) -> None:
    """The users: name, created, last signed in."""
    from enrichment.model import format_timestamp
    from medalist.database import open_database
    from medalist.services import users

    rows = users.listed(open_database(settings_from(ctx)))
    for name, created, last in rows:
        seen = format_timestamp(last) if last else "never"
        click.echo(f"{name}\tcreated {format_timestamp(created)}\tlast signed in {seen}")
    if not rows:
        click.echo("no users (create one with 'medalist user create NAME')")
