"""``medalist import candidates|reqs PATH [--strict]`` (contract sections 2 and 4).

Bad rows are printed to standard error as they are found (``file:line: field 'x': reason``),
the good rows are imported, and a summary is printed. ``--strict`` writes nothing when any
row is bad (and exits with status 1). A progress bar is shown on a terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from medalist.cli._context import settings_from

if TYPE_CHECKING:
    from storage.unit_of_work import UnitOfWork

_STRICT_HELP = "Write nothing if any row is bad."
_BATCH_HELP = "Rows written per transaction."


@click.group("import")
def import_group() -> None:
    """Upsert candidates or requisitions from files."""


@contextmanager
def _unit_of_work_factory(ctx: click.Context) -> Iterator[Callable[[], UnitOfWork]]:
    from medalist.database import open_database
    from storage.unit_of_work import UnitOfWork

    session_factory = open_database(settings_from(ctx))
    try:
        yield lambda: UnitOfWork(session_factory)
    finally:
        session_factory.kw["bind"].dispose()


def _echo(message: str) -> None:
    from tqdm import tqdm

    tqdm.write(message, file=sys.stderr)


def _progress_bar(what: str) -> Any:
    from tqdm import tqdm

    return tqdm(
        file=sys.stderr,
        disable=not sys.stderr.isatty(),
        unit=" rows",
        desc=what,
        dynamic_ncols=True,
        mininterval=0.5,
    )


def _finish(report_summary: str, aborted: bool) -> None:
    click.echo(report_summary)
    if aborted:
        sys.exit(1)


@import_group.command("candidates")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help=_STRICT_HELP)
@click.option(
    "--external-id",
    metavar="ID",
    help="The external_id of a JSON Resume file's candidate (default: basics.email).",
)
@click.option(
    "--batch-size", default=1000, show_default=True, type=click.IntRange(1), help=_BATCH_HELP
)
@click.pass_context
def candidates(
    ctx: click.Context, path: Path, strict: bool, external_id: str | None, batch_size: int
) -> None:
    """Upsert candidates by external_id from CSV, JSON Lines, a JSON Resume file or a folder."""
    from medalist.importing import import_candidates

    with _unit_of_work_factory(ctx) as unit_of_work, _progress_bar("importing") as bar:
        report = import_candidates(
            path,
            unit_of_work,
            strict=strict,
            external_id=external_id,
            batch_size=batch_size,
            erasure_key=settings_from(ctx).erasure_key,
            echo=_echo,
            progress=bar,
        )
    _finish(report.summary(), report.aborted)


@import_group.command("reqs")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help=_STRICT_HELP)
@click.option(
    "--batch-size", default=1000, show_default=True, type=click.IntRange(1), help=_BATCH_HELP
)
@click.pass_context
def reqs(ctx: click.Context, path: Path, strict: bool, batch_size: int) -> None:
    """Upsert requisitions (open roles) by req_id from CSV or JSON Lines."""
    from medalist.importing import import_requisitions

    with _unit_of_work_factory(ctx) as unit_of_work, _progress_bar("importing") as bar:
        report = import_requisitions(
            path,
            unit_of_work,
            strict=strict,
            batch_size=batch_size,
            echo=_echo,
            progress=bar,
        )
    _finish(report.summary(), report.aborted)
