"""SEC EDGAR: the "Latest Filings" Atom feed, a filing's index page and a Form 8-K, Item 5.02.

* feed → ``follow``: the filing index URL of every 8-K entry whose summary lists Item 5.02.
* index page → ``follow``: the primary 8-K document (the ``Type`` 8-K row of the document table;
  an inline-XBRL viewer link ``/ix?doc=/Archives/…`` is turned into the document's own address).
* 8-K → records, from Item 5.02's text only, for sentences of these forms:

  - ``… appointed NAME as (the) TITLE …`` / ``NAME became|has been appointed|was named|was
    elected TITLE …`` → a current position starting on the date the sentence gives
    (``effective DATE``, or ``On DATE, …`` with ``effective on such date``/no other date), else the
    report's "date of earliest event reported";
  - ``NAME transitioned from (the role of) OLD to NEW`` → OLD ends and NEW starts on that date;
  - ``NAME's employment as (the) TITLE … will terminate effective DATE`` and ``NAME resigned|will
    resign|retired|will retire|stepped down … as TITLE …`` → a position with an end date
    (the stated date, else the report date).

The company is the registrant: as the body writes it ("AFC Gamma, Inc.") when the cover page's
name ("AFC GAMMA, INC.", or on an older cover the first name of its registrants table after
the commission file number) appears there, else the cover page's name, else (no readable cover
page) ``document.context["company"]``. Names must be full names (two or more capitalised
words); ``Mr. Hetzel`` never
starts a record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from crawler.parsers._announcements import NAME, TITLE
from crawler.parsers._changes import changes
from crawler.parsers._dates import LONG_DATE, find_long_date, long_date
from crawler.parsers._html import tree as markup_tree
from crawler.parsers._names import has_job_word
from crawler.parsers._text import clean
from enrichment.dates import PartialDate
from enrichment.model import Position

_DATE = LONG_DATE.pattern.removeprefix(r"\b").removesuffix(r"\b")
_ART = r"(?:(?:the|its|our|a|an)\s+)?"
_TITLE = rf"(?P<title>{TITLE})"
_WHO = rf"(?P<name>{NAME})"
_APPOINTED = [
    re.compile(
        rf"\b(?:appointed|elected|named|promoted)\s+{_WHO}\s+(?:as|to\s+serve\s+as|to\s+the\s+(?:role|position)\s+of|to)\s+{_ART}{_TITLE}"
    ),
    re.compile(
        rf"{_WHO},?\s+(?:became|will\s+become|has\s+been\s+(?:appointed|named|elected)|was\s+(?:appointed|named|elected))\s+(?:as\s+)?{_ART}{_TITLE}"
    ),
]
_TRANSITION = re.compile(
    rf"{_WHO}\s+(?:transitioned|will\s+transition|moved|will\s+move)\s+from\s+(?:the\s+(?:role|position)\s+of\s+|(?:his|her|their)\s+(?:role|position)\s+as\s+)?{_ART}(?P<old>{TITLE})\s+to\s+(?:the\s+(?:role|position)\s+of\s+)?{_ART}{_TITLE}"
)
_DEPARTED = [
    re.compile(
        rf"{_WHO}(?:’s|'s)\s+employment\s+as\s+{_ART}(?P<old>{TITLE}).{{0,160}}?\b(?:will\s+terminate|terminated|will\s+end|ended)\b"
    ),
    re.compile(
        rf"{_WHO},?\s+(?:has\s+)?(?:resigned|will\s+resign|retired|will\s+retire|stepped\s+down|will\s+step\s+down)\s+(?:from\s+(?:his|her|their)\s+(?:position|role)s?\s+)?as\s+{_ART}(?P<old>{TITLE})"
    ),
]
_EFFECTIVE = re.compile(rf"\beffective\s+(?:as\s+of\s+|on\s+)?(?P<date>{_DATE})", re.IGNORECASE)
_SUCH_DATE = re.compile(
    r"\beffective\s+(?:on\s+|as\s+of\s+)?(?:such\s+date|the\s+date\s+hereof|immediately)",
    re.IGNORECASE,
)
_ON_DATE = re.compile(rf"^\s*On\s+(?P<date>{_DATE})", re.IGNORECASE)
_COVER = re.compile(
    rf"earliest\s+event\s+reported\)?\s*:?\s*(?P<date>{_DATE})\s+(?P<name>.{{2,120}}?)\s*\(\s*Exact\s+name\s+of\s+(?:the\s+)?registrant",
    re.IGNORECASE,
)
#: The cover of a filing whose registrants are listed in a table after the heading "Exact Name
#: of Registrant as Specified in Its Charter; …": commission file number, then the name in
#: capitals ("1-16169 EXELON CORPORATION (a Pennsylvania corporation)").
_COVER_TABLE = re.compile(
    rf"(?P<date>{_DATE})\s+Date\s+of\s+Report.{{0,300}}?Exact\s+Name\s+of\s+Registrants?\s+as\s+"
    r"Specified\s+in\s+(?:Its|their)\s+Charters?.{0,300}?\b\d{1,3}-\d{4,6}\s+"
    r"(?P<name>[A-Z][A-Z0-9&.,' -]{2,80}?)\s*\(",
    re.IGNORECASE | re.DOTALL,
)
_ITEM_502 = re.compile(
    r"Item\s*5\.02\b(?P<body>.*?)(?=Item\s*\d\.\d\d\b|SIGNATURES?\b|$)", re.IGNORECASE | re.DOTALL
)
_ABBREVIATIONS = re.compile(r"(?:\b(?:Inc|Mr|Ms|Mrs|Dr|Jr|Sr|Co|Corp|Ltd|No|St|U\.S|[A-Z]))\.$")
_NOT_IN_NAMES = frozenset(
    {
        "company",
        "board",
        "directors",
        "committee",
        "registrant",
        "manager",
        "inc",
        "llc",
        "the",
        "mr",
        "ms",
        "mrs",
        "dr",
    }
)
_SENTENCE_LIMIT = 300
_BLOCKS = ["p", "div", "tr", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "table", "td"]


@dataclass
class Officer:
    name: str
    positions: list[Position] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)


def is_8k(text: str) -> bool:
    return bool(re.search(r"FORM\s+8-K", text, re.IGNORECASE)) and bool(_ITEM_502.search(text))


def sentences(text: str) -> list[str]:
    """Sentences of the text, each block (line) on its own; ``Inc.`` and ``Mr.`` end none."""
    return [s for line in text.split("\n") for s in _line_sentences(line)]


def _line_sentences(text: str) -> list[str]:
    out: list[str] = []
    current = ""
    for piece in re.split(r"(?<=[.;])\s+(?=[A-Z(“\"])", text):
        current = f"{current} {piece}".strip() if current else piece
        if not _ABBREVIATIONS.search(current):
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out


def _trim_title(title: str, company: str | None = None) -> str | None:
    if company:
        title = re.split(rf"\s+(?:of|at)\s+{re.escape(company)}", title, maxsplit=1)[0]
    return clean(re.sub(r"(?:\s+(?:of|and|&|for))+$|[,\s]+$", "", title))


def _start_of(sentence: str, report_date: PartialDate | None) -> PartialDate | None:
    if match := _EFFECTIVE.search(sentence):
        return long_date(match)
    on = _ON_DATE.search(sentence)
    if on and (_SUCH_DATE.search(sentence) or "effective" not in sentence.lower()):
        return long_date(on)
    return report_date


def _company(
    text: str, body: str, context_company: str | None
) -> tuple[str | None, PartialDate | None]:
    """The registrant (as the body writes it) and the report date, from the cover page."""
    cover = _COVER.search(text) or _COVER_TABLE.search(text)
    report_date = long_date(cover) if cover else None
    name = clean(cover.group("name").replace("\n", " ")) if cover else None
    # Inline tags split "Co." into "Co ." in the text: close the gap before punctuation.
    name = re.sub(r"\s+([.,])", r"\1", name) if name else None
    if name:
        written = re.search(re.escape(name), body, re.IGNORECASE)
        return (written.group(0) if written else name), report_date
    return context_company, report_date


def officers(html: str, context_company: str | None = None) -> list[Officer]:
    tree = markup_tree(html)
    for hidden in tree.select("ix\\:header, [style*='display:none'], [style*='display: none']"):
        hidden.decompose()
    for block in tree.find_all(_BLOCKS):
        block.append("\x00")  # a block boundary that whitespace folding keeps
    lines = [clean(line) for line in tree.get_text(" ").split("\x00")]
    text = "\n".join(line for line in lines if line)
    item = _ITEM_502.search(text)
    if not item:
        return []
    body = item.group("body")
    company, report_date = _company(text, body, context_company)
    people: dict[str, Officer] = {}

    def add(name: str, job: Position, sentence: str, match: re.Match[str]) -> None:
        sentence = sentence if len(sentence) <= _SENTENCE_LIMIT else match.group(0)
        if any(w.lower().strip(".,") in _NOT_IN_NAMES for w in name.split()):
            return
        if not has_job_word(job.title or ""):
            return  # "elected X to serve as a Class I director": "Class I" is no title
        officer = people.setdefault(name, Officer(name))
        if job not in officer.positions:
            officer.positions.append(job)
        if sentence not in officer.sentences:
            officer.sentences.append(sentence)

    for sentence in sentences(body):
        for match in _TRANSITION.finditer(sentence):
            when = _start_of(sentence, report_date)
            old, new = (
                _trim_title(match.group("old"), company),
                _trim_title(match.group("title"), company),
            )
            if old:
                add(
                    match.group("name"),
                    Position(old, company, end=when or report_date),
                    sentence,
                    match,
                )
            if new:
                add(match.group("name"), Position(new, company, start=when), sentence, match)
        for pattern in _APPOINTED:
            for match in pattern.finditer(sentence):
                title = _trim_title(match.group("title"), company)
                if title:
                    add(
                        match.group("name"),
                        Position(title, company, start=_start_of(sentence, report_date)),
                        sentence,
                        match,
                    )
        for pattern in _DEPARTED:
            for match in pattern.finditer(sentence):
                old = _trim_title(match.group("old"), company)
                ended = _EFFECTIVE.search(sentence)
                when = long_date(ended) if ended else find_long_date(sentence) or report_date
                if old:
                    add(match.group("name"), Position(old, company, end=when), sentence, match)
        for change in changes(sentence):
            if change.name in people and any(
                p.title == change.title or (p.title or "").startswith(change.title)
                for p in people[change.name].positions
            ):
                continue
            title = _trim_title(change.title, company)
            if not title:
                continue
            when = change.effective or (
                report_date if change.immediately else _start_of(sentence, report_date)
            )
            job = (
                Position(title, company, start=when)
                if change.kind == "start"
                else Position(title, company, end=when)
            )
            # A long sentence is kept as its first _SENTENCE_LIMIT characters.
            head = re.match(rf".{{0,{_SENTENCE_LIMIT - 1}}}", sentence, re.DOTALL)
            if head:
                add(change.name, job, sentence, head)
    return list(people.values())


# --- following: the feed and the index page ------------------------------------------------


def flagged_filings(entries: list[tuple[str, str, str]]) -> list[str]:
    """Index URLs of the (form, summary, link) entries that are 8-Ks reporting Item 5.02."""
    urls: list[str] = []
    for form, summary, link in entries:
        if (
            form.upper().startswith("8-K")
            and re.search(r"Item\s*5\.02", summary)
            and link not in urls
        ):
            urls.append(link)
    return urls


def primary_document(html: str, url: str) -> list[str]:
    """The 8-K document linked from a filing index page."""
    tree = markup_tree(html)
    for row in tree.find_all("tr"):
        cells = row.find_all("td")
        if len(cells) < 4:
            continue
        types = [clean(c.get_text(" ")) or "" for c in cells]
        link = row.find("a", href=True)
        if link is None or not any(t.upper() in ("8-K", "8-K/A") for t in types[3:4] or types):
            continue
        href = str(link["href"])
        href = href.split("/ix?doc=", 1)[-1] if "/ix?doc=" in href else href
        return [urljoin(url, href)]
    return []


def is_index_page(html: str) -> bool:
    return bool(re.search(r"Filing\s+Index|Document\s+Format\s+Files", html, re.IGNORECASE))


__all__ = [
    "LONG_DATE",
    "Officer",
    "flagged_filings",
    "is_8k",
    "is_index_page",
    "officers",
    "primary_document",
    "sentences",
]
