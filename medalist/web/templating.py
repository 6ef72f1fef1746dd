"""The Jinja2 environment of the recruiter pages and the HTML report.

Autoescape is on for every template: scraped text is always shown as text. Links go through
the ``safe_url`` filter, which gives back only ``http``/``https`` URLs (anything else, such as
``javascript:`` or ``data:``, becomes ``None`` and the template prints no link).
"""

from __future__ import annotations

import functools
from datetime import date, datetime
from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import ChainableUndefined, Environment, PackageLoader

from enrichment.model import parse_timestamp
from enrichment.seniority import LEVEL_NAMES


def safe_url(value: object) -> str | None:
    """``value`` when it is an absolute http(s) URL with a host, else None."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if any(ord(c) < 0x21 for c in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text


def when(value: object, with_time: bool = False) -> str:
    """``2026-11-26T02:14:11Z`` as ``26 Nov 2026`` (``, 02:14 UTC`` with the time); a partial
    date (``2025-01``) as ``Jan 2025``; anything else as given."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime | date) and not isinstance(value, datetime):
        return value.strftime("%-d %b %Y")
    text = str(value)
    if len(text) == 4 and text.isdigit():
        return text
    if len(text) == 7 and text[4] == "-":
        try:
            return datetime.strptime(text, "%Y-%m").strftime("%b %Y")
        except ValueError:
            return text
    try:
        moment = value if isinstance(value, datetime) else parse_timestamp(text, key="date")
    except Exception:
        return text
    if moment is None:
        return text
    shown = moment.strftime("%-d %b %Y")
    return f"{shown}, {moment.strftime('%H:%M')} UTC" if with_time else shown


def level_label(level: object) -> str:
    if isinstance(level, int) and not isinstance(level, bool) and 0 <= level < len(LEVEL_NAMES):
        return f"{level} · {LEVEL_NAMES[level]}"
    return "level unknown"


def years(value: object) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:.1f} yrs"
    return "?"


def role(side: object) -> str:
    """``Senior Engineer at Acme`` of an event's before/after (plain text; escaped on output)."""
    if not isinstance(side, dict):
        return ""
    parts = [str(side[k]) for k in ("title", "company") if side.get(k)]
    return " at ".join(parts)


def segment(value: object) -> str:
    """``value`` quoted as one path segment (a ``/`` in an id stays inside it)."""
    return quote(str(value), safe="")


def humanise(value: object) -> str:
    return str(value or "").replace("_", " ")


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("medalist.web", "templates"),
        autoescape=True,
        undefined=ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        safe_url=safe_url,
        when=when,
        level=level_label,
        years=years,
        role=role,
        human=humanise,
        segment=segment,
    )
    return env


def render(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)
