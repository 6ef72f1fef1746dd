"""A person's rights on the command line: ``optout``, ``erase``, ``notice``; and ``audit``
(who did what) and ``purge`` (retention). Every act is recorded as ``cli:<OS user>``."""

from __future__ import annotations

import json
from datetime import datetime

import click

from medalist.cli._context import settings_from
from medalist.terminal import clean


@click.command("optout")
@click.argument("external_id")
@click.option("--undo", is_flag=True, help="Resume processing (the person withdrew the opt-out).")
@click.option("--by", "by", default=None, help="Who acted (default: your login).")
@click.pass_context
def optout(ctx: click.Context, external_id: str, undo: bool, by: str | None) -> None:
    """The person objects: nothing is fetched, linked, stored or sent about EXTERNAL_ID again
    (their own sources, team pages and feeds, the CRM feed and webhooks)."""
    from medalist.database import open_database
    from medalist.services import privacy
    from medalist.services.audit import cli_actor

    result = privacy.opt_out(
        open_database(settings_from(ctx)), external_id, actor=cli_actor(by), undo=undo
    )
    if not result.changed:
        state = "already opted out" if result.opted_out else "not opted out"
        click.echo(f"{external_id}: {state}; nothing changed")
        return
    if undo:
        click.echo(f"{external_id}: opt-out withdrawn; processed again from the next run")
        return
    click.echo(
        f"{external_id}: opted out; never fetched, linked or reported again "
        f"({result.dropped_deliveries} undelivered webhook(s) and "
        f"{result.dropped_reviews} review item(s) dropped)"
    )


@click.command("erase")
@click.argument("external_id")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--by", "by", default=None, help="Who acted (default: your login).")
@click.pass_context
def erase(ctx: click.Context, external_id: str, yes: bool, by: str | None) -> None:
    """Delete everything held on EXTERNAL_ID; keep only keyed hashes of their identifiers so
    a later import skips them (needs MEDALIST_SECRET_KEY)."""
    from medalist.database import open_database
    from medalist.services import privacy
    from medalist.services.audit import cli_actor

    settings = settings_from(ctx)
    if not yes and not click.confirm(
        f"erase {external_id} and everything held on them? This cannot be undone", err=True
    ):
        raise click.Abort()
    result = privacy.erase(
        open_database(settings),
        external_id,
        actor=cli_actor(by),
        erasure_key=settings.erasure_key,
    )
    removed = ", ".join(f"{n} {what}" for what, n in sorted(result.removed.items()) if n)
    click.echo(
        f"{external_id}: erased ({removed}); {result.suppressed} keyed hash(es) on the "
        "suppression list stop a later import"
    )


@click.command("notice")
@click.argument("external_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def notice(ctx: click.Context, external_id: str, as_json: bool) -> None:
    """What is held on EXTERNAL_ID and where each piece came from (an access request, or the
    notice GDPR Art. 14 asks for)."""
    from medalist.database import open_database
    from medalist.services import notices

    settings = settings_from(ctx)
    held = notices.notice(open_database(settings), external_id, settings=settings)
    if as_json:
        click.echo(json.dumps(held.model_dump(mode="json"), indent=2, ensure_ascii=False))
    else:
        click.echo(clean(notices.as_text(held)))


@click.command("audit")
@click.option("--action", default=None, help="Only this action (link, erase, optout, ...).")
@click.option("--person", "subject", default=None, metavar="EXTERNAL_ID", help="Only this person.")
@click.option("--since", type=click.DateTime(), default=None, help="Only entries from then on.")
@click.option("--limit", type=click.IntRange(1, 1000), default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def audit(
    ctx: click.Context,
    action: str | None,
    subject: str | None,
    since: datetime | None,
    limit: int,
    as_json: bool,
) -> None:
    """Who linked, rejected, acked, dismissed, opted out or erased what, and when."""
    from medalist.database import open_database
    from medalist.services import audit as service

    page = service.entries(
        open_database(settings_from(ctx)),
        limit=limit,
        action=action,
        subject=subject,
        since=since.astimezone() if since else None,
    )
    for item in page.entries:
        if as_json:
            click.echo(json.dumps(item.model_dump(mode="json"), ensure_ascii=False))
            continue
        what = " ".join(v for v in (item.subject, item.target) if v)
        click.echo(clean(f"{item.at}  {item.actor:24} {item.action:12} {what}"))
    if not page.entries and not as_json:
        click.echo("no audit entries")


@click.command("purge")
@click.pass_context
def purge(ctx: click.Context) -> None:
    """Apply the retention policy now (the scheduler does it daily): snapshots the diff no
    longer needs or older than MEDALIST_RETENTION_DAYS, and more (docs/privacy.md)."""
    from medalist.database import open_database
    from medalist.services import retention

    settings = settings_from(ctx)
    purged = retention.purge(open_database(settings), retention_days=settings.retention_days)
    click.echo(retention.summary(purged))
