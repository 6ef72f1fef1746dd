"""``medalist report``: the "candidates who leveled up" report."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from medalist.cli._context import settings_from
from medalist.report import FORMATS


def _since(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@click.command("report")
@click.option("--since", metavar="DATE", help="Only events detected on or after DATE (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
@click.option("--all-events", is_flag=True, help="Every event, not only those that leveled up.")
@click.pass_context
def report(
    ctx: click.Context, since: str | None, fmt: str, out: Path | None, all_events: bool
) -> None:
    """The candidates who leveled up (newest first), as JSON, CSV or HTML."""
    from medalist.database import open_database
    from medalist.report import render, write_private
    from medalist.reporting import report_events

    sessions = open_database(settings_from(ctx))
    events = report_events(sessions, since=_since(since), all_events=all_events)
    if fmt == "html":  # the cards with what is stored: applications, years now
        from medalist.report import render_html
        from medalist.services.leveled import cards_of

        text = render_html(events, cards=cards_of(sessions, events))
    else:
        text = render(events, fmt)
    if out is None:
        click.echo(text, nl=False)
    else:
        write_private(out, text)
        click.echo(f"wrote {len(events)} event(s) to {out}", err=True)
