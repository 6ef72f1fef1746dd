"""``medalist demo``: import, crawl a bundled site on loopback, report."""

from __future__ import annotations

from pathlib import Path

import click

from medalist.cli._context import settings_from


@click.command("demo")
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("medalist-demo"),
    show_default=True,
    help="Folder for the demo's database, site and reports (emptied first if a demo made it).",
)
@click.option("--force", is_flag=True, help="Empty --dir even if an earlier demo did not make it.")
@click.pass_context
def demo(ctx: click.Context, folder: Path, force: bool) -> None:
    """Import demo candidates and reqs, serve the demo site, run once, print the report."""
    from medalist.demo.runner import describe_events, run_demo

    result = run_demo(folder.resolve(), settings_from(ctx), echo=click.echo, force=force)
    click.echo("\nCandidates who leveled up (newest first):")
    click.echo(describe_events(result.leveled_up) or "  nobody")
    others = [e for e in result.events if not e.get("leveled_up")]
    click.echo("\nOther changes found:")
    click.echo(describe_events(others) or "  none")
    click.echo("\nReports written:")
    for path in result.outputs:
        click.echo(f"  {path}")
    database = result.folder / "medalist.db"
    if result.review:
        click.echo(f"\n{result.review} uncertain match(es) wait for a person:")
        click.echo(f"  MEDALIST_DATABASE_URL=sqlite:///{database} medalist review list")
    click.echo("\nLook around:")
    click.echo(f"  MEDALIST_DATABASE_URL=sqlite:///{database} medalist show demo-001")
