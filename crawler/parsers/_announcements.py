"""Appointment announcements in news text: who takes which title where.

Headline and sentence forms recognised (the verbs in any letter case; names are 2-5 capitalised
words, titles and companies are runs of capitalised words joined by ``of``/``and``/``&``/``for``):

* ``X joins Y as Z`` / ``X has joined Y as Z``
* ``Y appoints X as Z`` / ``Y names X (as) Z`` / ``Y hires X as Z``
* ``X appointed (as) Z of|at Y`` / ``X named Z of|at Y``
* ``X promoted to Z`` (the company then comes from the caller, when it knows one)

Then, when none of these matched, the sentence grammar of :mod:`crawler.parsers._changes`
(several people per sentence, ages, ``effective`` dates, ``succeeds``, resignations and
retirements, which are announcements of an end).

Anything else gives nothing: a wrong appointment costs a recruiter more than a missed one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.parsers._changes import changes, trim
from crawler.parsers._text import clean
from enrichment.dates import PartialDate

_WORD = r"[A-ZÀ-ÖØ-Þ][\w’'&/.-]*"
NAME = rf"(?:{_WORD})(?:\s+(?:[A-ZÀ-ÖØ-Þ]\.|{_WORD})){{1,4}}"
_CONNECT = r"(?:of|and|&|for|de|du|la)"
TITLE = rf"{_WORD}(?:,?\s+(?:{_WORD}|{_CONNECT}(?=\s+[A-ZÀ-ÖØ-Þ]))){{0,8}}"
COMPANY = rf"{_WORD}(?:\s+(?:{_WORD}|&|and|of)(?=\s|$|[,.;:!?]))*?"
_END = r"(?=$|[,.;:!?)\]]|\s+(?:to|in|on|from|after|effective|where|who|with|as|at|for)\b)"

_PATTERNS = [
    re.compile(
        rf"(?P<name>{NAME})\s+(?i:has\s+joined|joins|joined)\s+(?P<company>{COMPANY})\s+"
        rf"(?i:as)\s+(?:(?i:its|their|the|a|an)\s+)?(?P<title>{TITLE}){_END}"
    ),
    re.compile(
        rf"(?P<company>{COMPANY})\s+(?i:appoints|names|hires|taps|welcomes)\s+(?P<name>{NAME})\s+"
        rf"(?:(?i:as)\s+)?(?:(?i:its|their|the|a|an)\s+)?(?P<title>{TITLE}){_END}"
    ),
    re.compile(
        rf"(?P<name>{NAME}),?\s+(?:(?i:has\s+been|was|is)\s+)?(?i:appointed|named)\s+(?:(?i:as)\s+)?"
        rf"(?:(?i:the|a|an)\s+)?(?P<title>{TITLE})\s+(?i:of|at)\s+(?P<company>{COMPANY}){_END}"
    ),
    re.compile(
        rf"(?P<name>{NAME}),?\s+(?:(?i:has\s+been|was|is)\s+)?(?i:promoted)\s+(?i:to)\s+"
        rf"(?:(?i:the|a|an)\s+)?(?:(?i:role|position)\s+(?i:of)\s+)?(?P<title>{TITLE}){_END}"
    ),
]

#: Words a person's name never holds: they mean the regex caught a company or a phrase.
_NOT_IN_NAMES = frozenset(
    {
        "company",
        "board",
        "inc",
        "inc.",
        "llc",
        "ltd",
        "corp",
        "corporation",
        "group",
        "the",
        "announces",
        "announced",
        "today",
        "news",
        "press",
        "release",
        "chief",
        "officer",
        "president",
        "director",
    }
)


@dataclass(frozen=True, slots=True)
class Announcement:
    name: str
    title: str
    company: str | None
    sentence: str
    #: The title ends (a resignation, a retirement, a successor named) rather than starts.
    ended: bool = False
    #: When an ended title was first held, when the sentence says ("since June 2013").
    since: PartialDate | None = None
    #: The date the sentence gives the change ("effective May 2, 2005", "until … in May 2019").
    effective: PartialDate | None = None
    #: The change happened "earlier this month" (of the document's date).
    this_month: bool = False


def acronym(company: str) -> str:
    """``The Apache Software Foundation`` → ``ASF``: the initials of its capitalised words."""
    words = [w for w in re.findall(r"[\w&'’-]+", company) if w[:1].isupper() and w != "The"]
    return "".join(w[0] for w in words)


def _company(said: str | None, company: str | None) -> str | None:
    """The employer a sentence names; the caller's company when it names that one by its
    acronym ("the ASF" on the Apache Software Foundation's own news), or names none."""
    if not said:
        return company
    if company and len(said) > 1 and said.replace(".", "") == acronym(company):
        return company
    if company and company.startswith(f"{said} "):
        return company  # "Foo Welcomes Ann Lee as Chair" on the Foo Foundation's own news
    return said


def _title(title: str, company: str | None) -> str | None:
    """``ASF President`` → ``President``: a title without its employer's name or acronym ahead."""
    if company:
        for lead in (company, acronym(company)):
            if len(lead) > 1 and title.startswith(f"{lead} ") and len(title) > len(lead) + 1:
                return trim(title[len(lead) + 1 :])
    return title


def find(text: str, company: str | None = None) -> list[Announcement]:
    """The appointments stated in ``text`` (one headline or sentence), first form first."""
    found: list[Announcement] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            name = trim(match.group("name"))
            title = trim(match.group("title"))
            said = match.groupdict().get("company")
            where = _company(trim(said) if said else None, company)
            if not name or not title or any(w.lower() in _NOT_IN_NAMES for w in name.split()):
                continue
            found.append(
                Announcement(name, _title(title, where) or title, where, clean(text) or text)
            )
        if found:
            return found
    for change in changes(text):
        where = _company(change.company, company)
        found.append(
            Announcement(
                change.name,
                _title(change.title, where) or change.title,
                where,
                clean(text) or text,
                ended=change.kind == "end",
                since=change.since,
                effective=change.effective,
                this_month=change.this_month,
            )
        )
    return found
