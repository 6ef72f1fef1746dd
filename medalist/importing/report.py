"""What an import found: rows read, bad rows (where and why), and what was written."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from enrichment.errors import MedalistError

T = TypeVar("T")

#: Bad rows kept on the report; more are counted (and shown as they are found) but not kept.
KEEP_BAD_ROWS = 1000


@dataclass(frozen=True, slots=True)
class Row(Generic[T]):
    """A good row: the value read and where it was (line 1 is a CSV's header)."""

    file: str
    line: int | None
    key: str
    value: T

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line is not None else self.file


@dataclass(frozen=True, slots=True)
class BadRow:
    """A row that cannot be imported, and why: ``candidates.csv:4: field 'x': reason``."""

    file: str
    line: int | None
    field: str | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        if self.field:
            return f"{where}: field {self.field!r}: {self.reason}"
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Notice(BadRow):
    """A warning about a file that skips nothing (an unknown or repeated column)."""

    def __str__(self) -> str:
        return "warning: " + BadRow.__str__(self)


@dataclass(slots=True)
class ImportReport:
    """The outcome of one ``medalist import``."""

    kind: str = "candidates"
    strict: bool = False
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    bad_count: int = 0
    erased_count: int = 0
    #: ``--strict`` found bad rows, so nothing was written.
    aborted: bool = False
    bad: list[BadRow] = field(default_factory=list)
    erased: list[str] = field(default_factory=list)

    def add_bad(self, bad: BadRow) -> None:
        self.bad_count += 1
        if len(self.bad) < KEEP_BAD_ROWS:
            self.bad.append(bad)

    def add_erased(self, message: str) -> None:
        self.erased_count += 1
        if len(self.erased) < KEEP_BAD_ROWS:
            self.erased.append(message)

    @property
    def written(self) -> int:
        return self.created + self.updated

    def summary(self) -> str:
        noun = "row" if self.bad_count == 1 else "rows"
        if self.aborted:
            return (
                f"{self.kind}: nothing imported (--strict): {self.bad_count} bad {noun} "
                f"in {self.read} read; fix them and import again"
            )
        text = (
            f"{self.kind}: imported {self.created}, updated {self.updated}, "
            f"unchanged {self.unchanged}, skipped {self.bad_count} bad {noun}"
        )
        if self.erased_count:
            text += f", skipped {self.erased_count} erased"
        return text


class ImportInterrupted(MedalistError):
    """The database refused a batch. The batches before it are stored; re-running the import
    continues (rows already stored are unchanged)."""

    def __init__(self, report: ImportReport, first: str, last: str, error: Exception) -> None:
        self.report = report
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        super().__init__(
            f"{first} to {last}: the database refused this batch ({reason}); nothing of it was "
            f"written. Before it: {report.summary()}. Fix the cause and import again: rows "
            "already stored are left unchanged."
        )
