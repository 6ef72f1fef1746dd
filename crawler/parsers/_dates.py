"""Dates as documents write them, read leniently: a date that cannot be read is no date.

Parsers never fail a whole record over one unreadable date; they keep the rest of the record
and leave that date out. Precision is kept as given (see :class:`~enrichment.dates.PartialDate`).
"""

from __future__ import annotations

import calendar
import re
from typing import Any

from enrichment.dates import PartialDate
from enrichment.errors import InvalidDate

_MONTH_NUMBERS = {calendar.month_name[n].lower(): n for n in range(1, 13)}
_MONTH_NUMBERS.update({calendar.month_abbr[n].lower(): n for n in range(1, 13)})
_MONTH_NUMBERS["sept"] = 9
_MONTHS = "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True))
#: ``March 17, 2023`` / ``17 March 2023`` / ``Mar. 17, 2023``.
LONG_DATE = re.compile(
    rf"\b(?:(?P<m1>{_MONTHS})\.?\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTHS})\.?,?\s+(?P<y2>\d{{4}}))\b",
    re.IGNORECASE,
)
#: ``June 2013`` / ``Sept. 2010`` (a month of a year), or a full :data:`LONG_DATE`.
_LONG = LONG_DATE.pattern.removeprefix(r"\b").removesuffix(r"\b")
MONTH_YEAR = re.compile(
    rf"(?:{_LONG}|(?P<m3>{_MONTHS})\.?\s+(?P<y3>\d{{4}}))",
    re.IGNORECASE,
)
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
#: ``2015-03（1年6个月）``: an ISO date with an aside in full-width brackets right after it (the
#: length of a job, in a Chinese résumé); a space-separated tail is already read as no part of it.
_DATE_ASIDE = re.compile(r"^\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s*（[^（）]{1,30}）\s*$")


def date_or_none(value: object) -> PartialDate | None:
    """``PartialDate.parse`` that answers ``None`` instead of raising on unreadable text."""
    if isinstance(value, str):
        compact = _COMPACT.match(value)
        if compact:  # 20180211, as the Chocolatey press releases write it
            value = f"{compact.group(1)}-{compact.group(2)}-{compact.group(3)}"
        elif aside := _DATE_ASIDE.match(value):
            value = aside.group(1)
    try:
        return PartialDate.parse(value)
    except (InvalidDate, ValueError):
        return None


def parts_or_none(year: object, month: object = None, day: object = None) -> PartialDate | None:
    """A date from separate parts (ORCID); ``None`` when they are not numbers in range."""
    try:
        return PartialDate.from_parts(year, month, day)
    except (InvalidDate, ValueError, TypeError):
        return None


def long_date(match: re.Match[str]) -> PartialDate | None:
    """The date of a :data:`LONG_DATE` match."""
    month = (match.group("m1") or match.group("m2")).lower().rstrip(".")
    day = match.group("d1") or match.group("d2")
    year = match.group("y1") or match.group("y2")
    return parts_or_none(year, _MONTH_NUMBERS[month], day)


def month_year(text: str | None) -> PartialDate | None:
    """The date of a :data:`MONTH_YEAR` text: a day when it gives one, else its month."""
    match = MONTH_YEAR.fullmatch(text.strip()) if text else None
    if not match:
        return None
    if match.group("m3"):
        return parts_or_none(match.group("y3"), _MONTH_NUMBERS[match.group("m3").lower()])
    return long_date(match)


def find_long_date(text: str) -> PartialDate | None:
    """The first ``March 17, 2023``-style date in ``text``."""
    match = LONG_DATE.search(text)
    return long_date(match) if match else None


def wikidata_time(value: Any) -> PartialDate | None:
    """A Wikidata time value (``{"time": "+1977-00-00T00:00:00Z", "precision": 9}``).

    Precision 9 is a year, 10 a month, 11 a day; coarser precisions (decades, centuries) and
    dates before the common era are not dates a career can use, so they give ``None``.
    """
    if not isinstance(value, dict):
        return None
    time, precision = value.get("time"), value.get("precision")
    if not isinstance(time, str) or not isinstance(precision, int) or precision < 9:
        return None
    match = re.match(r"^\+(\d{4,})-(\d{2})-(\d{2})T", time)
    if not match:
        return None
    year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
    return parts_or_none(year, month if precision >= 10 else None, day if precision >= 11 else None)
