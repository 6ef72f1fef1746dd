"""Small text helpers shared by the parsers: whitespace, slugs, names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_SPACE = re.compile(r"\s+")
_SLUG = re.compile(r"[\W_]+")


def clean(value: object) -> str | None:
    """A string with whitespace collapsed, or ``None`` for missing, non-text and empty values."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        value = str(value)
    if not isinstance(value, str):
        return None
    text = _SPACE.sub(" ", value).strip()
    return text or None


def slug(value: str) -> str:
    """``"Stephanie Hays"`` → ``"stephanie-hays"``, for stable ids.

    Accents are folded (``"Šárka Dvořák"`` → ``"sarka-dvorak"``) but letters of other scripts
    are kept (``"Иван Петров"`` → ``"иван-петров"``), so two non-Latin names never collapse
    into one empty slug."""
    decomposed = unicodedata.normalize("NFKD", value)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SLUG.sub("-", unicodedata.normalize("NFC", folded).casefold()).strip("-")


def unique(values: Iterable[str | None]) -> tuple[str, ...]:
    """The non-empty values, first of each (compared case-insensitively), in order."""
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        text = clean(value)
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            out.append(text)
    return tuple(out)


def join(*parts: str | None, sep: str = ", ") -> str | None:
    """Join the non-empty parts (``"Austin, Texas, US"``); ``None`` when there are none. A part
    equal to the one before is said once (city and region both "Berlin")."""
    kept: list[str] = []
    for part in (clean(part) for part in parts):
        if part and (not kept or kept[-1].casefold() != part.casefold()):
            kept.append(part)
    return sep.join(kept) or None
