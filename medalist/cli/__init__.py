"""The ``medalist`` command line (contract section 2).

Subcommands live in their own modules and are imported only when used, so ``medalist titles``
does not pay for Scrapy or SQLAlchemy. Errors medalist raises on purpose
(:class:`~enrichment.errors.MedalistError`) print as one clear line and exit with status 1.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from enrichment.errors import MedalistError
from medalist import __version__

#: name -> "module:attribute" of each subcommand.
COMMANDS: dict[str, str] = {
    "db": "medalist.cli.db:db",
    "import": "medalist.cli.importing:import_group",
    "source": "medalist.cli.sources:source",
    "fetch": "medalist.cli.fetch:fetch",
    "show": "medalist.cli.show:show",
    "run": "medalist.cli.run:run",
    "runs": "medalist.cli.run:runs",
    "report": "medalist.cli.report:report",
    "match": "medalist.cli.match:match",
    "titles": "medalist.cli.titles:titles",
    "optout": "medalist.cli.privacy:optout",
    "review": "medalist.cli.review:review",
    "demo": "medalist.cli.demo:demo",
    "serve": "medalist.cli.serve:serve",
    "apikey": "medalist.cli.apikey:apikey",
    "schedule": "medalist.cli.schedule:schedule",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except MedalistError as error:
            raise click.ClickException(str(error)) from error


@click.group(cls=LazyGroup)
@click.version_option(__version__, prog_name="medalist")
def cli() -> None:
    """Keep silver medalists fresh: crawl public career updates, match, diff, report."""


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv if argv is not None else sys.argv[1:], prog_name="medalist")
