"""A small grammar of career-change sentences, as filings and press releases write them.

One sentence is read as ``SUBJECTS [APPOSITIVE] VERB OBJECT [EFFECTIVE]``, or actively as
``AGENT VERB SUBJECTS [APPOSITIVE] OBJECT`` ("The Board appointed John Ternus, …, as Chief
Executive Officer"). The nonterminals:

* ``SUBJECTS``: one or more ``PERSON`` joined by ``,``/``and`` ("Doug Petno, 61, and Troy
  Rohrbaugh, 56"); a ``PERSON`` is an optional honorific, a full name (two or more capitalised
  words, any script) and an optional age (", 61,").
* ``APPOSITIVE``: one comma-delimited phrase after the subjects (", Co-CEOs of the Commercial &
  Investment Bank,"), skipped.
* ``VERB``, by the change it states:
  - *start*: ``(has|have) been|was|were|is|are|will be`` + ``appointed|elected|named|promoted|
    hired``, optionally ``to (serve as|the role(s) of)``; ``joins|joined|has joined COMPANY``;
    ``succeeds|will succeed|succeeded OTHER`` (then OTHER's end of the same title);
  - *end*: ``resigned|retired|stepped down|departed`` with their ``will``/``has`` forms, and
    ``notified the Company/Board … that (he|she|they) (will|would|intends to) resign|retire|
    step down``, optionally ``from (his|her|their) position(s)``.
* ``OBJECT``: ``(as)? (the|a|an|its|our)? TITLE ((of|at) COMPANY)?``; a TITLE is a run of
  capitalised words joined by ``of``/``and``/``&``/``for``, or ``member of the Board (of
  Directors)``.
* ``EFFECTIVE``: ``effective (as of|on)? DATE`` or ``effective immediately``.

What does not parse gives nothing: no title is guessed from a sentence outside this grammar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.parsers._dates import LONG_DATE, MONTH_YEAR, long_date, month_year
from crawler.parsers._names import has_job_word, is_name
from crawler.parsers._text import clean
from enrichment.dates import PartialDate

_U = r"[^\W\d_]"  # a letter of any script
_CAP = r"(?:[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁΑ-Ω])"
_NAME_WORD = rf"{_CAP}(?:{_U}|['’.-](?={_U}))*\.?"
_INITIAL = rf"{_CAP}\."
_PARTICLE = rf"(?:van|von|de|da|del|der|di|la|le|du)(?=\s+{_CAP})"
#: A full name: two or more capitalised words, never ending in an initial ("elected Thomas J.
#: Ridge": not "Thomas J.").
NAME = rf"{_NAME_WORD}(?:\s+(?:{_INITIAL}|{_NAME_WORD}|{_PARTICLE})){{1,4}}?(?<!\s{_CAP}\.)"
_HONORIFIC = r"(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+)"
_AGE = r"(?:,\s*(?:age\s+)?\d{2}\s*,?)"
_PERSON = rf"{_HONORIFIC}?(?:{NAME}){_AGE}?"
_SUBJECTS = rf"(?P<subjects>{_PERSON}(?:\s*,?\s*(?:and\s+)?{_PERSON}){{0,5}})"
_APPOSITIVE = r"(?:\s*,\s*[^,.;]{2,120}?\s*,)?"
_CONNECT = r"(?:of|and|&|for|de|du|la)"
_TITLE_WORD = rf"{_CAP}[\w’'&/.-]*"
TITLE = (
    rf"(?:(?:a\s+)?[Mm]ember\s+of\s+(?:the|its|our)\s+Board(?:\s+of\s+Directors)?"
    rf"|(?:Class\s+[IV]{{1,3}}\s+)?director(?=[\s,.;]|$)"
    rf"|{_TITLE_WORD}(?:,?\s+(?:{_TITLE_WORD}|{_CONNECT}(?=\s+{_CAP}))){{0,8}})"
)
_ART = r"(?:(?:the|a|an|its|our|their|his|her)\s+)?"
_COMPANY = rf"(?P<company>{_TITLE_WORD}(?:\s+(?:{_TITLE_WORD}|&|and|of)(?=\s|$|[,.;]))*?)"
_OBJECT = (
    rf"(?:as\s+)?{_ART}(?:(?:new|next|interim)\s+)?(?P<title>{TITLE})"
    rf"(?:\s+(?:of|at)\s+(?:the\s+)?{_COMPANY})?(?=$|[,.;:)]|\s+(?:and|effective|to|on|in|who|with|from|until|by)\b)"
)
_BE = (
    r"(?:(?:has|have)\s+been|was|were|is|are|will\s+be|had\s+been)\s+"
    r"(?:(?:also|today|now|formally|officially|recently)\s+)?"
)
_ROLE_OF = r"(?:to\s+(?:serve\s+as|the\s+(?:roles?|positions?|offices?)\s+of)\s+|to\s+)"
_START_VERB = rf"(?:{_BE})?(?:appointed|elected|named|promoted|hired)\s+{_ROLE_OF}?"
_END_VERB = (
    r"(?:(?:has|have|had)\s+)?(?:will\s+|intends\s+to\s+|would\s+)?"
    r"(?:resigned|resign|retired|retire|stepped\s+down|step\s+down|departed|depart)"
    r"(?:\s+from\s+(?:(?:his|her|their)\s+)?"
    r"(?:(?P<plural>positions|roles|offices|posts)|position|role|office|post)(?:\s+as)?)?\s+"
)
_NOTIFIED = (
    r"(?:has\s+)?(?:notified|informed|advised)\s+(?:the\s+)?[^;]{1,120}?\s+that\s+"
    r"(?:he|she|they)\s+"
)
_MONTH_YEAR = "(?i:" + re.sub(r"\(\?P<\w+>", "(?:", MONTH_YEAR.pattern) + ")"
#: A tenure the sentence dates at both ends: "X has served as Secretary from September 2010 to
#: his election to the Board in March 2019"; "…, a position held by X from October 2016 until
#: his resignation in May 2019" (the position is the title the sentence gave before).
_FROM_TO = (
    rf"\s+from\s+(?P<since>{_MONTH_YEAR})\s+(?:to|until)\s+[^.;]{{0,80}}?\bin\s+"
    rf"(?P<until>{_MONTH_YEAR})"
)
_TENURES = [
    re.compile(
        rf"{_SUBJECTS}(?:\s+[^.;]{{0,80}}?\s+and)?\s+(?:has\s+|had\s+)?served\s+as\s+{_ART}"
        rf"(?P<title>{TITLE}){_FROM_TO}"
    ),
    re.compile(
        rf"(?:as\s+|appointed\s+){_ART}(?P<title>{TITLE}),\s+a\s+(?:position|role|post|office)\s+"
        rf"held\s+by\s+{_SUBJECTS}{_FROM_TO}"
    ),
]
_GRAMMAR = [
    ("start", re.compile(rf"{_SUBJECTS}{_APPOSITIVE}\s+{_START_VERB}{_OBJECT}")),
    (
        "end",
        re.compile(
            rf"{_SUBJECTS}{_APPOSITIVE}\s+(?:{_NOTIFIED})?{_END_VERB}(?:as\s+)?{_ART}(?P<title>{TITLE})"
        ),
    ),
    (
        "start",
        re.compile(
            rf"\b(?:appointed|elected|named|promoted|hired)\s+{_SUBJECTS}{_APPOSITIVE}\s*"
            rf"(?:(?:as|to\s+serve\s+as|to\s+the\s+(?:roles?|positions?)\s+of|to)\s+)?{_OBJECT}"
        ),
    ),
    (
        "succeed",
        re.compile(
            rf"{_SUBJECTS}{_APPOSITIVE}\s+(?:will\s+)?(?:succeeds?|succeeded|replaces?|replaced)\s+"
            rf"(?P<other>{_HONORIFIC}?{NAME}),\s+who\s+(?:has\s+)?(?:served|serves|has\s+been)\s+"
            rf"as\s+{_ART}(?P<title>{TITLE})(?:\s+since\s+(?P<since>{_MONTH_YEAR}))?"
        ),
    ),
    (
        "succeed",
        re.compile(
            rf"{_SUBJECTS}{_APPOSITIVE}\s+(?:will\s+)?(?:succeeds?|succeeded|replaces?|replaced)\s+"
            rf"(?P<other>{_HONORIFIC}?{NAME}){_APPOSITIVE}\s+as\s+{_ART}(?P<title>{TITLE})"
        ),
    ),
]
_DATE = LONG_DATE.pattern.removeprefix(r"\b").removesuffix(r"\b")
_EFFECTIVE = re.compile(
    rf"\beffective\s+(?:as\s+of\s+|on\s+)?(?P<date>{_DATE})",
    re.IGNORECASE,
)
#: What a clause goes on to say of the same subjects after its first change ("Ross Gardler has
#: stepped down as President … and will now serve as Executive Vice President"; "… has resigned
#: as Executive Vice President to assume the position of Vice President Conferences"; "Sam Ruby
#: has been appointed ASF President, and has stepped down as an ASF Director").
_THEN = [
    (
        "start",
        re.compile(
            rf"\b(?:and\s+)?(?:will\s+(?:now\s+)?serve|to\s+serve)\s+as\s+{_ART}(?P<title>{TITLE})"
        ),
    ),
    (
        "start",
        re.compile(
            rf"\bto\s+assume\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}(?:positions?|roles?|posts?|offices?)"
            rf"\s+of\s+{_ART}(?P<title>{TITLE})"
        ),
    ),
    (
        "start",
        re.compile(
            rf"\band\s+(?:has\s+been|was|will\s+be)\s+(?:appointed|named|elected)\s+(?:as\s+)?"
            rf"{_ART}(?P<title>{TITLE})"
        ),
    ),
    (
        "end",
        re.compile(
            rf"\band\s+(?:has\s+|have\s+|will\s+)?(?:stepped|step)\s+down\s+as\s+{_ART}(?P<title>{TITLE})"
        ),
    ),
]
_PERSON_SPLIT = re.compile(rf"\s*(?:{_AGE}|,)?\s*(?:,\s*)?\band\b\s*|\s*{_AGE}\s*|\s*,\s*")
_TRAILING = re.compile(r"(?:\s+(?:of|and|&|for|de|du|la))+$|[,\s]+$")
_ABBREVIATED = re.compile(r"\b(?:Inc|Corp|Co|Ltd|Jr|Sr|S\.A|N\.V|[A-Z])\.$")
_NOT_IN_NAMES = frozenset(
    {
        "company", "board", "directors", "committee", "registrant", "inc", "llc", "ltd",
        "corp", "corporation", "group", "the", "chief", "officer", "president", "director",
        "announces", "announced", "today", "holdings", "bank", "firm", "trust",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Change:
    """One person's change stated by a sentence: a title started or ended."""

    name: str
    title: str
    kind: str  # "start" or "end"
    company: str | None
    effective: PartialDate | None
    immediately: bool
    #: When the title was first held, as the sentence says ("who has served as … since June 2013").
    since: PartialDate | None = None
    #: The change happened "earlier this month": the month of the document's date.
    this_month: bool = False


def trim(text: str | None) -> str | None:
    """Without trailing connectors, commas and a sentence's full stop (``Inc.`` keeps its own)."""
    text = clean(text)
    if not text:
        return None
    text = _TRAILING.sub("", text)
    if text.endswith(".") and not _ABBREVIATED.search(text):
        text = text[:-1]
    return clean(text)


def _people(subjects: str) -> list[str]:
    names: list[str] = []
    for part in _PERSON_SPLIT.split(subjects):
        name = clean(re.sub(rf"^{_HONORIFIC}", "", part or ""))
        if not name or name.isdigit():
            continue
        words = [w.casefold().strip(".,") for w in name.split()]
        if is_name(name) and not any(w in _NOT_IN_NAMES for w in words):
            names.append(name)
    return names


_DEFINED_TERM = re.compile(r"\s*\((?:the\s+)?[“\"'‘][^()]{1,60}[”\"'’]\)")
_GENERIC_COMPANY = frozenset({"firm", "company", "corporation", "bank", "registrant", "board"})


def _singular(title: str) -> str:
    """``Co-Presidents`` → ``Co-President``: the title each of several subjects holds."""
    head, _, last = title.rpartition(" ")
    if last.endswith("s") and not last.endswith(("ss", "us", "ics")) and len(last) > 3:
        last = last[:-1]
    return f"{head} {last}".strip()


def changes(sentence: str) -> list[Change]:
    """Every change the sentence states under the grammar above; nothing when it does not parse."""
    found: list[Change] = []
    sentence = _DEFINED_TERM.sub("", sentence)
    effective = _EFFECTIVE.search(sentence)
    when = long_date(effective) if effective else None
    immediately = bool(re.search(r"\beffective\s+immediately\b", sentence, re.IGNORECASE))
    for kind, rule in _GRAMMAR:
        for match in rule.finditer(sentence):
            titles = _titles(match.group("title"), bool(match.groupdict().get("plural")))
            if not titles:
                continue
            company = trim(match.groupdict().get("company"))
            if company and company.casefold() in _GENERIC_COMPANY:
                company = None
            people = _people(match.group("subjects"))
            if len(people) > 1:
                titles = [_singular(t) for t in titles]
            said: list[tuple[str, str]] = [("end" if kind == "end" else "start", t) for t in titles]
            rest = sentence[match.end() :].split(";", 1)[0]
            if kind != "succeed":
                said += _then(rest)
            for name in people:
                for change_kind, title in said:
                    found.append(Change(name, title, change_kind, company, when, immediately))
            if kind == "start":
                found += _vacated(rest, titles, company)
            if kind == "succeed":
                since = month_year(match.groupdict().get("since"))
                for other in _people(match.group("other")):
                    for title in titles:
                        found.append(Change(other, title, "end", company, when, immediately, since))
    for rule in _TENURES:
        for match in rule.finditer(sentence):
            since, until = month_year(match.group("since")), month_year(match.group("until"))
            for name in _people(match.group("subjects")):
                for title in _titles(match.group("title")):
                    found.append(Change(name, title, "end", None, until, False, since))
    return list(dict.fromkeys(found))


def _titles(text: str | None, plural: bool = False) -> list[str]:
    """The title a match names; several when a plural ("his posts as A and B") lists them."""
    title = trim(text)
    if not title:
        return []
    if title.lower().startswith(("a member", "member")):
        return ["Member of the Board" + (" of Directors" if "Directors" in title else "")]
    if title.endswith("director") and title.split()[0] in ("Class", "director"):
        return ["Director"]  # "elected … to serve as a Class I director"
    parts = re.split(r"\s+and\s+(?=[A-ZÀ-ÖØ-Þ])", title) if plural else [title]
    # What the grammar read as a title must name a job: "Class I" or a surname does not.
    return [t for t in (trim(p) for p in parts) if t and has_job_word(t)]


_VACATED = re.compile(
    rf"^\s*,?\s*to\s+fill\s+the\s+(?:positions?|seats?|vacanc(?:y|ies))\s+(?:held|left|vacated)\s+by"
    rf"\s+(?:[^,.;]{{0,40}}?\s)??{_SUBJECTS}(?P<resigned>,?\s+who\s+(?:resigned|retired|stepped\s+down)"
    rf"(?P<month>\s+earlier\s+this\s+month)?)?"
)


def _vacated(rest: str, titles: list[str], company: str | None) -> list[Change]:
    """The people whose title the new holders take ("… were named Board Members to fill the
    position held by Jim Jagielski and Phil Steitz, who resigned earlier this month"): an end."""
    match = _VACATED.match(rest)
    if not match:
        return []
    return [
        Change(n, t, "end", company, None, False, None, bool(match.group("month")))
        for n in _people(match.group("subjects"))
        for t in titles
    ]


def _then(rest: str) -> list[tuple[str, str]]:
    """The further changes a clause states of its subjects after the first one (:data:`_THEN`)."""
    said: list[tuple[str, int, str]] = []
    for kind, rule in _THEN:
        for match in rule.finditer(rest):
            said += [(kind, match.start(), t) for t in _titles(match.group("title"))]
    return [(kind, title) for kind, _, title in sorted(said, key=lambda s: s[1])]
