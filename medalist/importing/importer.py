"""The import: stream rows, report the bad ones, upsert the good ones in batches.

Memory stays bounded however large the file: rows are read one at a time and written in
transactions of ``batch_size`` (default 1000). Only the ids seen so far in the current file are
kept, to report a duplicate id (bad on its second occurrence).

``strict`` first reads the whole file without writing; any bad row and nothing is written.
A batch the database refuses stops the import with :class:`ImportInterrupted`; the batches
before it stay written, and an import is safe to repeat. Erased people (see
:mod:`medalist.importing.erasure`) are skipped and reported but are not bad rows: a strict
import still writes everyone else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Protocol, TypeVar

from sqlalchemy.exc import SQLAlchemyError

from enrichment.errors import InvalidInput
from enrichment.model import Candidate, Requisition
from medalist.importing.erasure import ErasureKey, erased_among, erased_message
from medalist.importing.files import read_candidates
from medalist.importing.limits import candidate_problem, requisition_problem
from medalist.importing.report import BadRow, ImportInterrupted, ImportReport, Notice, Row
from medalist.importing.requisitions import read_requisitions
from storage.repositories import Outcome
from storage.unit_of_work import UnitOfWork

T = TypeVar("T")
DEFAULT_BATCH_SIZE = 1000


class Progress(Protocol):
    """What the import reports progress to (a ``tqdm`` bar fits)."""

    def update(self, n: float | None = 1) -> bool | None: ...

    def reset(self, total: float | None = None) -> None: ...

    def set_description(self, desc: str | None = None, refresh: bool | None = True) -> None: ...


class _NoProgress:
    def update(self, n: float | None = 1) -> bool | None:
        return None

    def reset(self, total: float | None = None) -> None:
        return None

    def set_description(self, desc: str | None = None, refresh: bool | None = True) -> None:
        return None


def _ignore(message: str) -> None:
    return None


def _checked(
    items: Iterable[Row[T] | BadRow],
    key_field: str,
    problem: Callable[[T], tuple[str, str] | None],
) -> Iterator[Row[T] | BadRow]:
    """The rows, with a repeated key in the same file, or a value the database cannot hold,
    turned into a bad row."""
    current_file: str | None = None
    first: dict[str, int | None] = {}
    for item in items:
        if isinstance(item, Row):
            if item.file != current_file:
                current_file, first = item.file, {}
            seen = first.get(item.key, -1)
            if seen != -1:
                where = f" (first on line {seen})" if seen is not None else ""
                yield BadRow(item.file, item.line, key_field, f"{item.key!r} appears again{where}")
                continue
            first[item.key] = item.line
            found = problem(item.value)
            if found is not None:
                yield BadRow(item.file, item.line, found[0], found[1])
                continue
        yield item


def _run(
    read: Callable[[], Iterable[Row[T] | BadRow]],
    write: Callable[[list[Row[T]]], None],
    report: ImportReport,
    key_field: str,
    problem: Callable[[T], tuple[str, str] | None],
    *,
    batch_size: int,
    echo: Callable[[str], None],
    progress: Progress,
) -> ImportReport:
    if report.strict:
        progress.set_description("checking")
        checked = 0
        for item in _checked(read(), key_field, problem):
            if isinstance(item, Notice):
                echo(str(item))
                continue
            checked += 1
            progress.update(1)
            if isinstance(item, BadRow):
                report.add_bad(item)
                echo(str(item))
        if report.bad_count:
            report.read = checked
            report.aborted = True
            return report
        progress.reset(total=checked)
    progress.set_description("importing")
    batch: list[Row[T]] = []

    def flush(rows: list[Row[T]]) -> None:
        try:
            write(rows)
        except SQLAlchemyError as error:
            raise ImportInterrupted(report, rows[0].where, rows[-1].where, error) from error

    for item in _checked(read(), key_field, problem):
        if isinstance(item, Notice):
            if not report.strict:  # the checking pass showed it already
                echo(str(item))
            continue
        report.read += 1
        progress.update(1)
        if isinstance(item, BadRow):
            report.add_bad(item)
            echo(str(item))
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            flush(batch)
            batch = []
    if batch:
        flush(batch)
    return report


def _count(report: ImportReport, outcomes: dict[str, Outcome]) -> None:
    for outcome in outcomes.values():
        if outcome == "created":
            report.created += 1
        elif outcome == "updated":
            report.updated += 1
        else:
            report.unchanged += 1


def import_candidates(
    path: Path,
    unit_of_work: Callable[[], UnitOfWork],
    *,
    strict: bool = False,
    external_id: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    erasure_key: bytes | None = None,
    echo: Callable[[str], None] = _ignore,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> ImportReport:
    """Upsert the candidates of a CSV, JSON Lines or JSON Resume file, or a folder of them.

    ``echo`` receives each bad row and each skipped erased person as a line of text as soon as
    it is found. ``erasure_key`` is ``MEDALIST_SECRET_KEY``: a record whose ``external_id``,
    e-mail or profile is on the erasure suppression list is skipped and reported.
    """
    report = ImportReport(kind="candidates", strict=strict)
    key = ErasureKey(erasure_key)
    warned: list[str] = []

    def write(batch: list[Row[Candidate]]) -> None:
        with unit_of_work() as uow:
            if not warned:
                warned.append("checked")
                warning = key.check_rows(key.key_id, uow.erased.count_by_key())
                if warning is not None and key.key is not None:
                    echo(f"warning: {warning}")
            erased = erased_among(uow, key, [row.value for row in batch])
            keep: list[Candidate] = []
            for row in batch:
                if row.key in erased:
                    message = f"{row.where}: {erased_message(row.key)}"
                    report.add_erased(message)
                    echo(message)
                else:
                    keep.append(row.value)
            outcomes = uow.candidates.upsert_many(keep, now)
            uow.commit()
        _count(report, outcomes)

    return _run(
        lambda: read_candidates(path, external_id=external_id),
        write,
        report,
        "external_id",
        candidate_problem,
        batch_size=batch_size,
        echo=echo,
        progress=_NoProgress() if progress is None else progress,
    )


def import_requisitions(
    path: Path,
    unit_of_work: Callable[[], UnitOfWork],
    *,
    strict: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    echo: Callable[[str], None] = _ignore,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> ImportReport:
    """Upsert the requisitions of a CSV or JSON Lines file."""
    report = ImportReport(kind="requisitions", strict=strict)
    shown = str(path)

    def write(batch: list[Row[Requisition]]) -> None:
        with unit_of_work() as uow:
            outcomes = uow.requisitions.upsert_many([row.value for row in batch], now)
            uow.commit()
        _count(report, outcomes)

    if not path.is_file():
        raise InvalidInput(f"{shown}: no such file")
    return _run(
        lambda: read_requisitions(path, shown),
        write,
        report,
        "req_id",
        requisition_problem,
        batch_size=batch_size,
        echo=echo,
        progress=_NoProgress() if progress is None else progress,
    )
