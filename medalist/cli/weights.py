"""``medalist weights [show|train|clear]``: the matcher's level weights, estimated from the
review queue's confirmed links (medalist/services/weights.py)."""

from __future__ import annotations

import json

import click

from medalist.cli._context import settings_from
from medalist.services.schemas import MatchWeights


def _print(answer: MatchWeights, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(answer.model_dump(), ensure_ascii=False, indent=2))
        return
    click.echo(answer.message)
    if answer.levels:
        click.echo(f"{'weight':>7}  {'m':>8}  {'u':>8}  {'pairs':>6}  level")
        for level in answer.levels:
            click.echo(
                f"{level.weight:>7.2f}  {level.m:>8.4f}  {level.u:>8.4f}  {level.pairs:>6}  "
                f"{level.level}"
            )


@click.group("weights", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def weights(ctx: click.Context, as_json: bool) -> None:
    """The matcher's level weights: estimated from the links people confirmed in the review
    queue (each nightly run does it once there are MEDALIST_MATCH_MIN_PAIRS), or hand-set.
    Without a subcommand: the weights in use."""
    ctx.meta["weights_json"] = as_json
    if ctx.invoked_subcommand is None:
        from medalist.database import open_database
        from medalist.services import weights as service

        settings = settings_from(ctx)
        _print(service.show(open_database(settings), settings), as_json)


@weights.command("train")
@click.pass_context
def train(ctx: click.Context) -> None:
    """Estimate the weights from the review queue now and use them from the next match on."""
    from medalist.database import open_database
    from medalist.services import weights as service

    settings = settings_from(ctx)
    _print(service.train_now(open_database(settings), settings), ctx.meta["weights_json"])


@weights.command("clear")
@click.pass_context
def clear(ctx: click.Context) -> None:
    """Forget the estimated weights: hand-set ones until the next training."""
    from medalist.database import open_database
    from medalist.services import weights as service

    settings = settings_from(ctx)
    _print(service.clear(open_database(settings), settings), ctx.meta["weights_json"])
