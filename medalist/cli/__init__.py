"""The ``medalist`` command line (contract section 2).

Subcommands live in their own modules and are imported only when used, so ``medalist titles``
does not pay for Scrapy or SQLAlchemy. Every known error (:mod:`medalist.cli.errors`) prints as
one clear line and exits with status 2 (usage and input) or 1 (failure); ``--debug`` shows the
traceback instead.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from medalist import __version__
from medalist.cli.errors import explain, failure

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
    "erase": "medalist.cli.privacy:erase",
    "notice": "medalist.cli.privacy:notice",
    "audit": "medalist.cli.privacy:audit",
    "purge": "medalist.cli.privacy:purge",
    "review": "medalist.cli.review:review",
    "demo": "medalist.cli.demo:demo",
    "serve": "medalist.cli.serve:serve",
    "apikey": "medalist.cli.apikey:apikey",
    "user": "medalist.cli.user:user",
    "schedule": "medalist.cli.schedule:schedule",
    "weights": "medalist.cli.weights:weights",
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
        except (click.exceptions.Exit, click.Abort, click.ClickException):
            raise
        except Exception as error:
            if ctx.meta.get("medalist.debug"):
                raise
            known = explain(error)
            if known is None:
                raise
            message, status = known
            raise failure(message, status) from error


def _debug(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    ctx.meta["medalist.debug"] = value
    return value


@click.group(cls=LazyGroup)
@click.version_option(__version__, prog_name="medalist")
@click.option(
    "--debug",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_debug,
    help="Show the full traceback of an error.",
)
def cli() -> None:
    """Keep silver medalists fresh: crawl public career updates, match, diff, report."""


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv if argv is not None else sys.argv[1:], prog_name="medalist")
