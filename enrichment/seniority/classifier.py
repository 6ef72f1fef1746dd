"""``classify(title, company)``: a title on the contract's scale (section 5), with its reasons.

The steps, each leaving a reason:

1. normalise the title (:mod:`enrichment.seniority._text`): case, punctuation, the employer
   tail ("@ Acme", "at Acme"), abbreviations (Sr., Mgr, VP, CTO, SWE) and German, French and
   Spanish words into English;
2. read the context: is the employer a bank (:mod:`enrichment.seniority.banks`), or a
   university;
3. find the role: the first rule of :data:`~enrichment.seniority.rules.ROLES` that matches;
4. move it by the first modifier that applies (:data:`~enrichment.seniority.rules.MODIFIERS`).

Pure and cached: the same (title, company) is worked out once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from enrichment.model import Seniority
from enrichment.seniority._text import Normalised, normalise
from enrichment.seniority.banks import BANKING_TITLE, bank_signal
from enrichment.seniority.rules import MODIFIERS, PLAIN, ROLES, Role, grade_level

LEVEL_NAMES = (
    "training",
    "entry",
    "mid",
    "senior",
    "lead",
    "manager",
    "director",
    "vp",
    "executive",
)

_ACADEMIC = re.compile(
    r"universi|college|hochschule|polytechn|institute of technology|school of|faculty|"
    r"ecole normale|academy of sciences|research institute"
)


@dataclass(frozen=True, slots=True)
class _Context:
    company: str | None
    bank: str | None
    academic: bool


def _context(text: str, company: str | None) -> tuple[_Context, list[str]]:
    reasons: list[str] = []
    bank = bank_signal(company)
    if bank is None and (match := BANKING_TITLE.search(text)):
        bank = f"the title names '{match.group(0)}'"
    if bank:
        reasons.append(f"banking context: {bank}")
    academic = bool(company and _ACADEMIC.search(company.casefold()))
    return _Context(company, bank, academic), reasons


def _applies(role: Role, context: _Context) -> bool:
    if role.when == "bank":
        return context.bank is not None
    if role.when == "academic":
        return context.academic
    return True


def _find_role(norm: Normalised, context: _Context) -> tuple[Role, str, int, int] | None:
    """The first role that matches: (role, segment, start, end) of the match in its segment."""
    segments = norm.segments
    for role in ROLES:
        if not _applies(role, context):
            continue
        # Patterns see the whole title (some look at segment ends), matched segment by segment.
        for segment in segments:
            match = role.pattern.search(segment)
            if match:
                return role, segment, match.start(), match.end()
    return None


def _label(role: Role, context: _Context) -> str:
    if role.when == "bank":
        return f"banking ladder at '{context.company}'" if context.company else "banking ladder"
    return role.label


def _modify(
    role: Role, text: str, span: tuple[int, int] | None, level: int
) -> tuple[int, str | None]:
    """The level after the first applicable modifier, and its reason."""
    if role.family is None:
        return level, None
    for modifier in MODIFIERS:
        if role.family not in modifier.families:
            continue
        for match in modifier.pattern.finditer(text):
            if span is not None:
                before = (
                    match.start() < span[0]
                    and match.end() <= span[0] + 1
                    and " and " not in text[match.end() - 1 : span[0] + 1]
                )
                ending = match.start() >= span[1] and match.end() == len(text)
                if not (before or ending):
                    continue
            if modifier.op == "grade":
                value = grade_level(match)
                low, high = modifier.grades
                if not low <= value <= high:
                    continue
                new = value
            elif modifier.op == "set":
                new = modifier.value
            else:
                new = level + modifier.value
                floor = 1 if level >= 1 else 0
                new = max(new, floor)
            new = max(0, min(8, new))
            return new, f"modifier '{match.group(0).strip()}' → {new}"
    return level, None


@lru_cache(maxsize=65536)
def _classify(title: str, company: str | None) -> Seniority:
    if not title.strip():
        return Seniority(
            2, LEVEL_NAMES[2], "ic", ("empty title: nothing to classify, plain level",)
        )
    norm = normalise(title, company)
    reasons = list(norm.notes)
    context, context_reasons = _context(norm.text, company)
    found = _find_role(norm, context)
    if found is None:
        role, text, span = PLAIN, norm.text, None
        reasons.append(f"plain title, no rank words → {PLAIN.level}")
    else:
        role, text, start, end = found
        span = (start, end)
        if role.when == "bank":
            reasons.extend(context_reasons)
        reasons.append(f"{_label(role, context)}: '{text[start:end].strip(' ,')}' → {role.level}")
    level, modified = _modify(role, text, span, role.level)
    if modified:
        reasons.append(modified)
    track = role.track
    if level >= 8 and track != "executive":
        track = "executive"
    return Seniority(level, LEVEL_NAMES[level], track, tuple(reasons))


def classify(title: str, company: str | None = None) -> Seniority:
    """Place ``title`` (held at ``company``, if known) on the seniority scale, with reasons."""
    return _classify(title or "", (company or "").strip() or None)
