"""A first, deliberately small title classifier. Issue 5 replaces it with the full rule set."""

from __future__ import annotations

import re

from enrichment.model import Seniority

LEVEL_NAMES = ("training", "entry", "mid", "senior", "lead", "manager", "director", "vp", "executive")

_RULES: tuple[tuple[str, int, str], ...] = (
    (r"\b(chief \w+ officer|ceo|cto|cfo|coo|president|founder)\b", 8, "executive"),
    (r"\b(vice president|vp)\b", 7, "executive"),
    (r"\b(director|head of)\b", 6, "management"),
    (r"\b(manager|principal)\b", 5, "management"),
    (r"\b(lead|staff)\b", 4, "ic"),
    (r"\b(senior|sr)\b", 3, "ic"),
    (r"\b(junior|jr|graduate)\b", 1, "ic"),
    (r"\b(intern|trainee|apprentice)\b", 0, "ic"),
)


def classify(title: str, company: str | None = None) -> Seniority:
    text = title.casefold()
    for pattern, level, track in _RULES:
        if re.search(pattern, text):
            return Seniority(level, LEVEL_NAMES[level], track, (f"keyword /{pattern}/",))
    return Seniority(2, "mid", "ic", ("plain title",))
