"""Partial dates: a year, a year and month, or a full day, kept at the precision given.

Real documents carry dates such as ``2019``, ``2019-03``, ``March 2019``, ``+1977-00-00T00:00:00Z``
(Wikidata year precision) or an impossible ``1929-02-29`` (a real ORCID record). A
:class:`PartialDate` keeps what the document said (year, optional month, optional day) without
inventing precision and without crashing on a day the calendar does not have; :meth:`to_date`
gives a concrete :class:`datetime.date` for arithmetic, clamping such a day to the month's end.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime

from enrichment.errors import InvalidDate

_MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (
        calendar.month_name[number].lower(),
        calendar.month_abbr[number].lower(),
    )
}
_MONTHS.update({"sept": 9})

_ISO = re.compile(r"^\s*[+]?(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:[T ].*)?\s*$")
_MONTH_YEAR = re.compile(r"^\s*([A-Za-z]+)\.?,?\s+(\d{4})\s*$")
_MONTH_SLASH_YEAR = re.compile(r"^\s*(\d{1,2})/(\d{4})\s*$")


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day. Orders chronologically by what is known."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise InvalidDate(f"year {self.year} is out of range")
        if self.month is not None and not 1 <= self.month <= 12:
            raise InvalidDate(f"month {self.month} is out of range 1-12")
        if self.day is not None and (self.month is None or not 1 <= self.day <= 31):
            raise InvalidDate(f"day {self.day} is out of range 1-31 or has no month")

    @classmethod
    def parse(cls, value: object) -> PartialDate | None:
        """Read a date as documents write it; ``None`` for empty values.

        Zero month or day (``1977-00-00``) means "not known" and is dropped. Raises
        :class:`InvalidDate` for text that is not a date.
        """
        if value is None:
            return None
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, datetime):
            return cls(value.year, value.month, value.day)
        if isinstance(value, date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            return cls(value)
        if not isinstance(value, str):
            raise InvalidDate(f"{value!r} is not a date")
        text = value.strip()
        if not text or text.lower() in {"present", "current", "now", "today", "null", "none"}:
            return None
        match = _ISO.match(text)
        if match:
            year = int(match.group(1))
            month = int(match.group(2)) if match.group(2) else None
            day = int(match.group(3)) if match.group(3) else None
            if month == 0:
                month, day = None, None
            if day == 0:
                day = None
            return cls(year, month, day)
        match = _MONTH_YEAR.match(text)
        if match and match.group(1).lower() in _MONTHS:
            return cls(int(match.group(2)), _MONTHS[match.group(1).lower()])
        match = _MONTH_SLASH_YEAR.match(text)
        if match:
            return cls(int(match.group(2)), int(match.group(1)))
        raise InvalidDate(
            f"{value!r} is not a date (expected YYYY, YYYY-MM, YYYY-MM-DD, MM/YYYY or a month "
            "and year such as 'March 2021' or 'Mar 2021')"
        )

    @classmethod
    def from_parts(
        cls, year: object, month: object = None, day: object = None
    ) -> PartialDate | None:
        """Build from separate parts as ORCID gives them (strings, ints or ``None``)."""
        if year in (None, ""):
            return None
        y = int(str(year))
        m = int(str(month)) if month not in (None, "", "0", "00", 0) else None
        d = int(str(day)) if day not in (None, "", "0", "00", 0) and m is not None else None
        return cls(y, m, d)

    @property
    def precision(self) -> str:
        return "day" if self.day is not None else "month" if self.month is not None else "year"

    def isoformat(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.isoformat()

    def to_date(self, *, end: bool = False) -> date:
        """A concrete day: the first of what is known, or the last with ``end=True``.

        A day the month does not have (``1929-02-29``) is clamped to the month's last day.
        """
        month = self.month if self.month is not None else (12 if end else 1)
        last = calendar.monthrange(self.year, month)[1]
        day = min(self.day, last) if self.day is not None else (last if end else 1)
        return date(self.year, month, day)

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)


def iso_or_none(value: PartialDate | None) -> str | None:
    return value.isoformat() if value is not None else None
