"""``medalist run``: one refresh of the due (or named) candidates; ``medalist runs``: the past."""

from __future__ import annotations

import sys
from collections.abc import Iterable

import click
from tqdm import tqdm

from enrichment.protocol import Result
from medalist.cli._context import settings_from
from medalist.terminal import clean


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
    """Refresh once: crawl the sources of the due candidates, match, diff, store events.

    Each candidate is stored as soon as all of its sources have answered. Exits 1 when every
    source failed."""
    from medalist.database import REFRESH_LEASE, engine_of, lease_owner, open_database
    from medalist.logs import configure
    from medalist.refresh import Refresher
    from storage.lease import LeaseHeld, hold_lease

    settings = settings_from(ctx)
    configure(settings)
    session_factory = open_database(settings)
    refresher = Refresher(settings, session_factory)

    def progress(results: Iterable[Result], total: int) -> Iterable[Result]:
        return tqdm(
            results, total=total, desc="sources", unit="src", disable=not sys.stderr.isatty()
        )

    try:
        with hold_lease(engine_of(session_factory), REFRESH_LEASE, owner=lease_owner()):
            summary = refresher.run(
                external_ids=list(candidates) or None,
                limit=limit,
                everyone=everyone,
                progress=progress,
            )
    except LeaseHeld as held:
        click.echo(f"Error: {held}", err=True)
        ctx.exit(1)
    click.echo(
        f"run {summary.run_id}: {summary.candidates} candidate(s), {summary.sources} source(s) "
        f"({summary.fetched} fetched, {summary.not_modified} not modified, "
        f"{summary.failed} failed), {summary.linked} profile(s) linked, "
        f"{summary.review} new for review, "
        f"{summary.events_new} new event(s) ({summary.leveled_up} leveled up)"
    )
    for error in summary.errors:
        click.echo(clean(f"  error: {error}"), err=True)
    if summary.all_failed:
        click.echo(
            f"Error: {summary.why_failed()}; see `medalist runs` and each source's error", err=True
        )
        ctx.exit(1)


@click.command("runs")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per run.")
@click.pass_context
def runs(ctx: click.Context, limit: int, as_json: bool) -> None:
    """The latest runs, newest first: status, counts and errors by kind."""
    from medalist.database import open_database
    from medalist.services import runs as run_service

    settings = settings_from(ctx)
    found = run_service.recent(open_database(settings), limit=limit)
    for out in found:
        if as_json:
            click.echo(out.model_dump_json())
            continue
        finished = out.finished_at or "-"
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(out.errors_by_kind.items())) or "none"
        counts = out.counts
        click.echo(
            f"run {out.id}  {out.status:<8}  {out.started_at} -> {finished}  "
            f"{counts.get('candidates', 0)} candidate(s), {counts.get('sources', 0)} "
            f"source(s), {counts.get('failed', 0)} failed ({kinds}), "
            f"{counts.get('events_new', 0)} new event(s)"
        )
    if not found:
        click.echo("no runs yet: `medalist run` starts one")
