"""``medalist optout``: stop all crawling of a person."""

from __future__ import annotations

import click

from medalist.cli._context import settings_from


@click.command("optout")
@click.argument("external_id")
@click.option("--undo", is_flag=True, help="Resume crawling (the person withdrew the opt-out).")
@click.pass_context
def optout(ctx: click.Context, external_id: str, undo: bool) -> None:
    """Never crawl EXTERNAL_ID again: no run, refresh or match fetches anything for them."""
    from medalist.database import open_database
    from storage.unit_of_work import UnitOfWork

    with UnitOfWork(open_database(settings_from(ctx))) as uow:
        if not uow.candidates.set_opted_out(external_id, not undo):
            raise click.ClickException(f"no stored candidate {external_id!r}")
        uow.commit()
    click.echo(f"{external_id}: {'crawling resumed' if undo else 'opted out; never crawled'}")
