"""``medalist run``: one refresh of the due (or named) candidates."""

from __future__ import annotations

import sys
from collections.abc import Iterable

import click
from tqdm import tqdm

from medalist.cli._context import settings_from


@click.command("run")
@click.option(
    "--candidate",
    "candidates",
    multiple=True,
    metavar="EXTERNAL_ID",
    help="Refresh this candidate (repeatable) instead of the due ones.",
)
@click.option("--limit", type=click.IntRange(min=1), help="Refresh at most this many candidates.")
@click.option("--all", "everyone", is_flag=True, help="Refresh everyone, due or not.")
@click.pass_context
def run(ctx: click.Context, candidates: tuple[str, ...], limit: int | None, everyone: bool) -> None:
    """Refresh once: crawl the sources of the due candidates, match, diff, store events."""
    from medalist.database import open_database
    from medalist.refresh import Refresher

    settings = settings_from(ctx)
    refresher = Refresher(settings, open_database(settings))

    def progress(items: Iterable[str]) -> Iterable[str]:
        return tqdm(list(items), desc="candidates", unit="cand", disable=not sys.stderr.isatty())

    summary = refresher.run(
        external_ids=list(candidates) or None, limit=limit, everyone=everyone, progress=progress
    )
    click.echo(
        f"run {summary.run_id}: {summary.candidates} candidate(s), {summary.sources} source(s) "
        f"({summary.fetched} fetched, {summary.not_modified} unchanged, {summary.failed} failed), "
        f"{summary.linked} profile(s) linked, {summary.review} new for review, "
        f"{summary.events_new} new event(s) ({summary.leveled_up} leveled up)"
    )
    for error in summary.errors:
        click.echo(f"  error: {error}", err=True)
