"""``medalist review list|decide``: the uncertain matches waiting for a person."""

from __future__ import annotations

import getpass
import json

import click

from medalist.cli._context import settings_from
from medalist.terminal import clean


@click.group("review")
def review() -> None:
    """Uncertain matches: list them, then link or reject each. Decisions are remembered."""


@review.command("list")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def list_pending(ctx: click.Context, limit: int, as_json: bool) -> None:
    """Pending matches, oldest first: the profile found and the stored candidate proposed."""
    from medalist.database import open_database
    from medalist.services import review as service

    rows = service.pending(open_database(settings_from(ctx)), limit=limit)
    for row in rows:
        candidate = row.candidate
        item = {
            "id": row.id,
            "score": row.score,
            "method": row.method,
            "reasons": row.reasons,
            "explanation": row.explanation.model_dump(),
            "profile": row.profile,
            "candidate": (
                {"external_id": candidate["external_id"], "full_name": candidate["full_name"]}
                if candidate
                else None
            ),
        }
        if as_json:
            click.echo(json.dumps(item, ensure_ascii=False))
            continue
        profile = row.profile
        positions = profile.get("positions") or [{}]
        click.echo(
            clean(
                f"#{row.id} score {item['score']}: {profile.get('full_name')} "
                f"({positions[0].get('title') or '-'} at {positions[0].get('company') or '-'}; "
                f"{profile.get('kind')} {profile.get('url') or ''})"
            )
        )
        who = f"{candidate['full_name']} ({candidate['external_id']})" if candidate else "nobody"
        click.echo(clean(f"    proposed: {who}"))
        words = row.explanation
        for heading, lines in (
            ("agreed", words.agreed),
            ("disagreed", words.disagreed),
            ("not linked because", words.held_back),
            ("notes", words.notes),
        ):
            if lines:
                click.echo(clean(f"    {heading}: {'; '.join(lines)}"))
    if not rows and not as_json:
        click.echo("nothing waits for review")


@review.command("decide")
@click.argument("match_id", type=int)
@click.argument("decision", type=click.Choice(["link", "reject"]))
@click.option("--by", "decided_by", default=None, help="Who decided (default: your login).")
@click.option("--change", is_flag=True, help="Change a decision already taken.")
@click.pass_context
def decide(
    ctx: click.Context, match_id: int, decision: str, decided_by: str | None, change: bool
) -> None:
    """Link or reject pending match MATCH_ID; the next run acts on it and never asks again.
    A match already decided keeps its decision unless ``--change`` is given."""
    from medalist.cli.errors import InputFailure
    from medalist.database import open_database
    from medalist.services import review as service
    from medalist.services.audit import cli_actor
    from medalist.services.errors import Conflict, NotFound

    try:
        item = service.decide(
            open_database(settings_from(ctx)),
            match_id,
            decision,
            decided_by=decided_by or getpass.getuser(),
            actor=cli_actor(),
            change=change,
        )
    except (Conflict, NotFound) as error:
        raise InputFailure(str(error)) from None
    if not item.changed:
        click.echo(f"match #{match_id}: already {decision} (by {item.decided_by})")
        return
    click.echo(f"match #{match_id}: {decision}")
