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
    from storage.unit_of_work import UnitOfWork

    with UnitOfWork(open_database(settings_from(ctx))) as uow:
        rows = uow.matches.pending(limit=limit)
        for row in rows:
            candidate = uow.candidates.get_row_by_id(row.candidate_id) if row.candidate_id else None
            item = {
                "id": row.id,
                "score": round(row.score, 4),
                "method": row.method,
                "reasons": row.reasons,
                "profile": row.profile,
                "candidate": (
                    {"external_id": candidate.external_id, "full_name": candidate.full_name}
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
            who = f"{candidate.full_name} ({candidate.external_id})" if candidate else "nobody"
            click.echo(clean(f"    proposed: {who}"))
            for reason in row.reasons:
                click.echo(clean(f"    - {reason}"))
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
    from storage.models import MatchRow
    from storage.unit_of_work import UnitOfWork

    with UnitOfWork(open_database(settings_from(ctx))) as uow:
        existing = uow.session.get(MatchRow, match_id)
        if existing is None:
            raise InputFailure(f"no match #{match_id} (see 'medalist review list')")
        taken = {"linked": "link", "rejected": "reject"}.get(existing.status)
        if taken == decision:
            click.echo(f"match #{match_id}: already {decision} (by {existing.decided_by})")
            return
        if taken is not None and not change:
            raise InputFailure(
                f"match #{match_id} was already decided: {taken} (by {existing.decided_by}); "
                f"add --change to make it {decision}",
            )
        uow.matches.decide(match_id, decision, decided_by=decided_by or getpass.getuser())
        uow.commit()
    click.echo(f"match #{match_id}: {decision}")
