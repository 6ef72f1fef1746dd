"""``medalist show EXTERNAL_ID``: one stored candidate."""

from __future__ import annotations

import json

import click

from medalist.cli._context import settings_from
from medalist.terminal import clean


@click.command("show")
@click.argument("external_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def show(ctx: click.Context, external_id: str, as_json: bool) -> None:
    """A candidate: positions with levels, skills, sources with last_verified_at, events."""
    from medalist.candidate_view import describe
    from medalist.database import open_database
    from medalist.services import candidates

    record = candidates.get_record(open_database(settings_from(ctx)), external_id)
    view = record.model_dump(mode="json")
    click.echo(json.dumps(view, indent=2, ensure_ascii=False) if as_json else clean(describe(view)))
